package io.llmops.knowledge.boundary;

import java.time.Instant;
import java.util.UUID;

/** JSON shapes of the upload endpoints. */
public final class UploadFileDtos {

    private UploadFileDtos() {
    }

    public record UploadFileView(UUID id, String name, long size, String extension, String mimeType,
                                 Instant createdAt) {
        static UploadFileView of(UploadFiles.Stored file) {
            return new UploadFileView(file.id(), file.name(), file.size(), file.extension(), file.mimeType(),
                    file.createdAt());
        }
    }
}
