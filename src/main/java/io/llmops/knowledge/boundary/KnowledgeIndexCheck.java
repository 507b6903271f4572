package io.llmops.knowledge.boundary;

import io.llmops.platform.config.StartupChecks;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start (like {@link StartupChecks}: exit status 78 with {@code llmops.exit-on-startup-failure})
 * when {@code llmops.knowledge.index} names no known index, or names pgvector and the database lacks the
 * vector extension or the index table. Runs after the migrations, so V10 has had its chance to create
 * them. The Lucene index stays lazy: it opens at the first dataset operation.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrations")
@TransactionManagement(TransactionManagementType.BEAN)
public class KnowledgeIndexCheck {

    @Inject
    KnowledgeIndex index;

    @Inject
    @ConfigProperty(name = "llmops.exit-on-startup-failure", defaultValue = "false")
    boolean exitOnFailure;

    @PostConstruct
    void check() {
        try {
            if (index.kind().equals(KnowledgeIndex.PGVECTOR)) {
                index.get();
            }
        } catch (KnowledgeIndex.UnavailableIndexException e) {
            StartupChecks.refuseToStart(e.getMessage(), exitOnFailure);
        }
    }
}
