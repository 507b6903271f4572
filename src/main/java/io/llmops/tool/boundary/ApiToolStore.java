package io.llmops.tool.boundary;

import io.llmops.platform.persistence.WorkspaceNames;
import io.llmops.platform.crypto.SecretBox;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.paging.Page;
import io.llmops.platform.paging.PageQuery;
import io.llmops.tool.control.ApiCredentials;
import io.llmops.tool.control.ApiOperation;
import io.llmops.tool.control.ApiToolJson;
import io.llmops.tool.entity.ApiProvider;
import io.llmops.tool.entity.ApiTool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Storage of API tool providers and their tools, always scoped to a workspace. Credentials go in
 * and come out in plain text; the table only sees SecretBox ciphertext. Entities stay in here.
 */
@ApplicationScoped
@Transactional
public class ApiToolStore {

    private static final String LISTED = "p.workspaceId = :workspace and lower(p.name) like :pattern escape '\\'";

    @PersistenceContext(unitName = "llmops")
    EntityManager em;

    @Inject
    SecretBox secretBox;

    /** A provider as stored, opened: what the facade and the tool provider work with. */
    public record Stored(UUID id, String name, String icon, String schemaText, String schemaUrl, String serverUrl,
                         ApiCredentials credentials, List<ApiOperation> operations, Instant createdAt, Instant updatedAt) {
        @Override
        public String toString() {
            return "Stored[" + id + ", " + name + ", credentials=****]";
        }
    }

    /** What to store: a checked import. */
    public record Draft(String name, String icon, String schemaText, String schemaUrl, String serverUrl,
                        ApiCredentials credentials, List<ApiOperation> operations) {
    }

    public Stored create(UUID workspaceId, Draft draft) {
        names().requireFree(workspaceId, draft.name(), null);
        ApiProvider provider = new ApiProvider(workspaceId, draft.name(), draft.icon(), draft.schemaText(),
                draft.schemaUrl(), draft.serverUrl(), seal(draft.credentials()));
        em.persist(provider);
        insertTools(provider, draft.operations());
        names().flush();
        return open(provider);
    }

    public Stored replace(UUID workspaceId, UUID providerId, Draft draft) {
        ApiProvider provider = require(workspaceId, providerId);
        names().requireFree(workspaceId, draft.name(), providerId);
        provider.replace(draft.name(), draft.icon(), draft.schemaText(), draft.schemaUrl(), draft.serverUrl(),
                seal(draft.credentials()));
        em.createQuery("delete from ApiTool t where t.providerId = :p").setParameter("p", providerId).executeUpdate();
        insertTools(provider, draft.operations());
        names().flush();
        return open(provider);
    }

    public Optional<Stored> find(UUID workspaceId, UUID providerId) {
        return row(workspaceId, providerId).map(this::open);
    }

    public Stored get(UUID workspaceId, UUID providerId) {
        return open(require(workspaceId, providerId));
    }

    public void delete(UUID workspaceId, UUID providerId) {
        em.remove(require(workspaceId, providerId));
    }

    /** Newest first; {@code search} matches anywhere in the name, ignoring case. */
    public Page<Stored> list(UUID workspaceId, String search, PageQuery page) {
        String pattern = "%" + likeEscaped(search == null ? "" : search.strip().toLowerCase(Locale.ROOT)) + "%";
        List<Stored> items = em.createQuery("select p from ApiProvider p where " + LISTED
                        + " order by p.createdAt desc, p.id desc", ApiProvider.class)
                .setParameter("workspace", workspaceId).setParameter("pattern", pattern)
                .setFirstResult(page.offset()).setMaxResults(page.pageSize())
                .getResultList().stream().map(this::open).toList();
        long total = em.createQuery("select count(p) from ApiProvider p where " + LISTED, Long.class)
                .setParameter("workspace", workspaceId).setParameter("pattern", pattern).getSingleResult();
        return Page.of(items, page, total);
    }

    private void insertTools(ApiProvider provider, List<ApiOperation> operations) {
        int position = 0;
        for (ApiOperation op : operations) {
            em.persist(new ApiTool(provider.id(), provider.workspaceId(), position++, op.name(), op.description(),
                    op.method(), op.path(), op.bodyType(), ApiToolJson.parameters(op.parameters())));
        }
    }


    private WorkspaceNames names() {
        return new WorkspaceNames(em, "ApiProvider", "", ApiToolStore::nameTaken);
    }

    private static ApiException nameTaken(String name) {
        return ApiException.conflict("api_tool_provider_exists", "An API tool provider named " + name
                + " already exists in this workspace");
    }

    private ApiProvider require(UUID workspaceId, UUID providerId) {
        return row(workspaceId, providerId).orElseThrow(() -> ApiException.notFound("API tool provider"));
    }

    private Optional<ApiProvider> row(UUID workspaceId, UUID providerId) {
        return em.createQuery("select p from ApiProvider p where p.id = :id and p.workspaceId = :w", ApiProvider.class)
                .setParameter("id", providerId).setParameter("w", workspaceId)
                .getResultList().stream().findFirst();
    }

    private Stored open(ApiProvider provider) {
        List<ApiOperation> operations = em.createQuery("select t from ApiTool t where t.providerId = :p order by t.position",
                        ApiTool.class)
                .setParameter("p", provider.id()).getResultList().stream()
                .map(t -> new ApiOperation(t.name(), t.description(), t.method(), t.path(), t.bodyType(),
                        ApiToolJson.parameters(t.parametersJson())))
                .toList();
        return new Stored(provider.id(), provider.name(), provider.icon(), provider.schemaText(), provider.schemaUrl(),
                provider.serverUrl(), ApiToolJson.credentials(secretBox.decrypt(provider.encryptedCredentials())),
                operations, provider.createdAt(), provider.updatedAt());
    }

    private String seal(ApiCredentials credentials) {
        return secretBox.encrypt(ApiToolJson.credentials(credentials));
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
