package io.llmops.knowledge.boundary;

import io.llmops.knowledge.boundary.DatasetDtos.ReindexView;
import io.llmops.platform.error.ApiException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * {@code POST /api/datasets/{id}/reindex} as the {@code dataset-reindex} batch job on the instance that
 * was asked (the Lucene index is per instance), watched through the batch runtime's own execution
 * status and write counts.
 */
@ApplicationScoped
public class Reindexing {

    static final String JOB = "dataset-reindex";

    @Inject
    DatasetStore store;

    public ReindexView start(UUID workspaceId, UUID datasetId) {
        if (!store.exists(workspaceId, datasetId)) {
            throw ApiException.notFound("Dataset");
        }
        Properties parameters = new Properties();
        parameters.setProperty(ReindexSteps.DATASET, datasetId.toString());
        long execution = BatchRuntime.getJobOperator().start(JOB, parameters);
        return status(workspaceId, datasetId, execution);
    }

    /** 404 for an execution that is not a reindex of this workspace's dataset. */
    public ReindexView status(UUID workspaceId, UUID datasetId, long executionId) {
        if (!store.exists(workspaceId, datasetId)) {
            throw ApiException.notFound("Dataset");
        }
        JobOperator operator = BatchRuntime.getJobOperator();
        try {
            JobExecution execution = operator.getJobExecution(executionId);
            Properties parameters = operator.getParameters(executionId);
            if (!JOB.equals(execution.getJobName()) || parameters == null
                    || !datasetId.toString().equals(parameters.getProperty(ReindexSteps.DATASET))) {
                throw ApiException.notFound("Reindex job");
            }
            long written = 0;
            for (StepExecution step : operator.getStepExecutions(executionId)) {
                if (step.getMetrics() != null) {
                    for (Metric metric : step.getMetrics()) {
                        if (metric.getType() == Metric.MetricType.WRITE_COUNT) {
                            written += metric.getValue();
                        }
                    }
                }
            }
            return new ReindexView(executionId, execution.getBatchStatus().name().toLowerCase(Locale.ROOT), written,
                    store.indexableCount(datasetId));
        } catch (NoSuchJobExecutionException | jakarta.batch.operations.JobSecurityException e) {
            throw ApiException.notFound("Reindex job");
        }
    }
}
