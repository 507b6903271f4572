package io.llmops.ops.boundary;

import io.llmops.knowledge.boundary.IngestionFiles;
import io.llmops.knowledge.control.FileStorage;
import io.llmops.ops.control.CleanupCounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes an upload's stored bytes for the clean-ups. The row goes only after its bytes are gone (or
 * were already absent): a storage failure keeps the row, and with it the key, for the next run, so no
 * file is ever left behind without a row pointing at it. The price of that order — a committed file
 * delete followed by a rolled-back row delete — is a row whose bytes are absent, which the next run
 * deletes without complaint.
 */
@ApplicationScoped
class StoredFiles {

    private static final Logger LOG = Logger.getLogger(StoredFiles.class.getName());

    @Inject
    FileStorage storage;

    @Inject
    IngestionFiles ingestionFiles;

    /** True when the bytes under {@code key} are gone; false (counted as a file error, logged) when they could not be deleted. */
    boolean delete(String key, CleanupCounts counts) {
        try {
            storage.delete(key);
            counts.add("files", 1);
            return true;
        } catch (IOException | RuntimeException e) {
            counts.add("file_errors", 1);
            LOG.log(Level.WARNING, "Clean-up could not delete stored file " + key + "; the upload row stays for the next run", e);
            return false;
        }
    }

    /** True when the ingestion's intermediate files of the document are gone (absent is fine); false (a file error) otherwise. */
    boolean deleteIngestionFiles(UUID documentId, CleanupCounts counts) {
        try {
            ingestionFiles.delete(documentId);
            return true;
        } catch (RuntimeException e) {
            counts.add("file_errors", 1);
            LOG.log(Level.WARNING, "Clean-up could not delete the ingestion files of document " + documentId
                    + "; the document row stays for the next run", e);
            return false;
        }
    }
}
