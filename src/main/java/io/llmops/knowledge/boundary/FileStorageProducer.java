package io.llmops.knowledge.boundary;

import io.llmops.knowledge.control.FileStorage;
import io.llmops.knowledge.control.LocalFileStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/** The one {@link FileStorage}: the local file system under {@code llmops.storage.root}. */
@ApplicationScoped
public class FileStorageProducer {

    private static final Logger LOG = Logger.getLogger(FileStorageProducer.class.getName());

    @Inject
    UploadSettings settings;

    @Produces
    @ApplicationScoped
    FileStorage fileStorage() {
        LocalFileStorage storage = new LocalFileStorage(settings.storageRoot());
        LOG.info("Uploaded files are stored under " + storage.root());
        return storage;
    }
}
