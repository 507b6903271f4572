package io.llmops.knowledge.boundary;

import io.llmops.knowledge.entity.UploadFile;
import io.llmops.platform.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.Optional;
import java.util.UUID;

/** Rows of {@code upload_file}, always scoped to a workspace. */
@ApplicationScoped
@Transactional
public class UploadFileStore {

    @PersistenceContext(unitName = "llmops")
    EntityManager em;

    public UploadFiles.Stored insert(UploadFile file) {
        em.persist(file);
        em.flush();
        return UploadFiles.Stored.of(file);
    }

    public UploadFiles.Stored get(UUID workspaceId, UUID id) {
        return find(workspaceId, id).orElseThrow(() -> ApiException.notFound("Upload file"));
    }

    public Optional<UploadFiles.Stored> find(UUID workspaceId, UUID id) {
        UploadFile file = em.find(UploadFile.class, id);
        return file == null || !file.workspaceId().equals(workspaceId) ? Optional.empty()
                : Optional.of(UploadFiles.Stored.of(file));
    }
}
