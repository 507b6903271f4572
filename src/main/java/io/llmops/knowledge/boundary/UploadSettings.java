package io.llmops.knowledge.boundary;

import io.llmops.knowledge.control.ArchiveLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.util.Optional;

/** Upload limits and where files go, from configuration (README "Configuration"). */
@ApplicationScoped
public class UploadSettings {

    @Inject
    @ConfigProperty(name = "llmops.upload.max-file-bytes", defaultValue = "15728640")
    long maxFileBytes;

    @Inject
    @ConfigProperty(name = "llmops.upload.max-image-bytes", defaultValue = "2097152")
    long maxImageBytes;

    @Inject
    @ConfigProperty(name = "llmops.upload.archive-max-inflated-bytes", defaultValue = "104857600")
    long archiveMaxInflatedBytes;

    @Inject
    @ConfigProperty(name = "llmops.upload.archive-max-entries", defaultValue = "10000")
    int archiveMaxEntries;

    @Inject
    @ConfigProperty(name = "llmops.storage.root")
    Optional<String> storageRoot;

    /** The launcher and image set it; a bare server falls back to ./data like the launcher does. */
    @Inject
    @ConfigProperty(name = "llmops.data-dir", defaultValue = "data")
    String dataDir;

    public long maxFileBytes() {
        return maxFileBytes;
    }

    public long maxImageBytes() {
        return maxImageBytes;
    }

    public ArchiveLimits archiveLimits() {
        return new ArchiveLimits(archiveMaxInflatedBytes, archiveMaxEntries);
    }

    public Path storageRoot() {
        return storageRoot.filter(root -> !root.isBlank()).map(Path::of)
                .orElseGet(() -> Path.of(dataDir, "storage")).toAbsolutePath().normalize();
    }

    /** Where uploads are spooled while they stream in: local temp space, whatever the storage is. */
    public Path spoolDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "llmops-uploads");
    }
}
