package io.llmops.knowledge.boundary;

import io.llmops.knowledge.control.FileStorage;
import io.llmops.knowledge.control.Spool;
import io.llmops.knowledge.control.UploadNames;
import io.llmops.knowledge.control.UploadTypes;
import io.llmops.knowledge.entity.UploadFile;
import io.llmops.platform.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

/**
 * The uploads facade: streams a file in under its cap (hashing it), checks that its extension and
 * its sniffed content agree (office files unpacked within bounds), stores the bytes under a key of
 * its own making and records the file. Nothing is stored or recorded for a refused file.
 */
@ApplicationScoped
public class UploadFiles {

    /** What an upload is for: knowledge documents or icon images, each with its types and cap. */
    public enum Kind { DOCUMENT, IMAGE }

    /** A recorded upload as the rest of the application sees it. */
    public record Stored(UUID id, UUID workspaceId, String name, long size, String extension, String mimeType,
                         String sha256, String storageKey, Instant createdAt) {
        static Stored of(UploadFile file) {
            return new Stored(file.id(), file.workspaceId(), file.name(), file.size(), file.extension(),
                    file.mimeType(), file.sha256(), file.storageKey(), file.createdAt());
        }
    }

    @Inject
    UploadSettings settings;

    @Inject
    UploadFileStore store;

    @Inject
    FileStorage storage;

    public Stored accept(UUID workspaceId, UUID accountId, String clientName, InputStream content, Kind kind) {
        String name = UploadNames.sanitise(UploadNames.fromHeader(clientName));
        String extension = UploadNames.extension(name);
        long cap = kind == Kind.IMAGE ? settings.maxImageBytes() : settings.maxFileBytes();
        try (Spool spool = Spool.of(content, cap, settings.spoolDirectory())) {
            if (spool.size() == 0) {
                throw ApiException.badRequest("empty_file", "The file is empty");
            }
            String mimeType = UploadTypes.check(kind == Kind.IMAGE ? UploadTypes.IMAGES : UploadTypes.DOCUMENTS,
                    extension, spool.file(), settings.archiveLimits());
            UUID id = UUID.randomUUID();
            String key = "uploads/" + workspaceId + "/" + id;
            try (InputStream in = spool.open()) {
                storage.put(key, in);
            }
            try {
                return store.insert(new UploadFile(id, workspaceId, name, spool.size(), extension, mimeType,
                        spool.sha256(), key, accountId));
            } catch (RuntimeException e) {
                storage.delete(key);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Stored get(UUID workspaceId, UUID id) {
        return store.get(workspaceId, id);
    }

    /** An image upload's bytes (icons); other uploads answer 404, so no stored HTML is ever served back. */
    public InputStream image(Stored file) {
        if (!file.mimeType().startsWith("image/")) {
            throw ApiException.notFound("Image");
        }
        try {
            return storage.get(file.storageKey());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
