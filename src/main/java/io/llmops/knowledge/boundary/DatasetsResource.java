package io.llmops.knowledge.boundary;

import io.llmops.knowledge.boundary.DatasetDtos.DatasetPatch;
import io.llmops.knowledge.boundary.DatasetDtos.DatasetRequest;
import io.llmops.knowledge.boundary.DatasetDtos.DatasetView;
import io.llmops.knowledge.boundary.DatasetDtos.HitRequest;
import io.llmops.knowledge.boundary.DatasetDtos.HitsView;
import io.llmops.knowledge.boundary.DatasetDtos.QueriesView;
import io.llmops.knowledge.boundary.DatasetDtos.ReindexView;
import io.llmops.platform.boundary.Roles;
import io.llmops.platform.paging.Page;
import io.llmops.platform.paging.PageQuery;
import io.llmops.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Knowledge bases of the caller's workspace: datasets, their documents, manual segments and hit testing. */
@ApplicationScoped
@Path("api/datasets")
@SecurityRequirement(name = Roles.BEARER_SCHEME)
@Tag(name = "datasets")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DatasetsResource {

    @Inject
    Datasets datasets;

    @Inject
    Reindexing reindexing;

    @Inject
    Caller caller;

    @POST
    @Operation(summary = "Create a dataset (name unique in the workspace; embedding model local/all-minilm-l6-v2-q by default)")
    @APIResponse(responseCode = "201", description = "Created")
    public Response create(@Valid @NotNull DatasetRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(datasets.create(caller.workspaceId(), caller.accountId(), request)).build();
    }

    @GET
    @Operation(summary = "The workspace's datasets, newest first, with counts; search matches the name, ignoring case")
    public Page<DatasetView> list(@Valid @BeanParam PageQuery page, @QueryParam("search") String search) {
        return datasets.list(caller.workspaceId(), search, page);
    }

    @GET
    @Path("{dataset_id}")
    @Operation(summary = "One dataset with its counts of documents, characters, hits and apps using it")
    public DatasetView get(@PathParam("dataset_id") UUID datasetId) {
        return datasets.get(caller.workspaceId(), datasetId);
    }

    @PATCH
    @Path("{dataset_id}")
    @Operation(summary = "Change name, description, icon or default retrieval settings")
    public DatasetView update(@PathParam("dataset_id") UUID datasetId, @Valid @NotNull DatasetPatch patch) {
        return datasets.update(caller.workspaceId(), datasetId, patch);
    }

    @DELETE
    @Path("{dataset_id}")
    @Operation(summary = "Delete a dataset: gone from lists and searches at once")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("dataset_id") UUID datasetId) {
        datasets.delete(caller.workspaceId(), datasetId);
        return Response.noContent().build();
    }

    @POST
    @Path("{dataset_id}/hit")
    @Operation(summary = "Hit testing: the best segments for a query by semantic, full_text or hybrid retrieval; "
            + "the query is recorded and each hit counted")
    public HitsView hit(@PathParam("dataset_id") UUID datasetId, @Valid @NotNull HitRequest request) {
        return datasets.hit(caller.workspaceId(), caller.accountId(), datasetId, request);
    }

    @GET
    @Path("{dataset_id}/queries")
    @Operation(summary = "The dataset's latest 10 recorded queries, newest first")
    public QueriesView queries(@PathParam("dataset_id") UUID datasetId) {
        return new QueriesView(datasets.queries(caller.workspaceId(), datasetId));
    }

    @POST
    @Path("{dataset_id}/reindex")
    @Operation(summary = "Rebuild the dataset in this instance's index from PostgreSQL, as a batch job; "
            + "searches meanwhile may miss segments not yet reloaded")
    @APIResponse(responseCode = "202", description = "Started; watch GET …/reindex/{execution_id}")
    public Response reindex(@PathParam("dataset_id") UUID datasetId) {
        return Response.accepted(reindexing.start(caller.workspaceId(), datasetId)).build();
    }

    @GET
    @Path("{dataset_id}/reindex/{execution_id}")
    @Operation(summary = "A reindex job's status and the segments it reloaded so far")
    public ReindexView reindexStatus(@PathParam("dataset_id") UUID datasetId, @PathParam("execution_id") long executionId) {
        return reindexing.status(caller.workspaceId(), datasetId, executionId);
    }
}
