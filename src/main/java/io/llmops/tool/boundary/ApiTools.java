package io.llmops.tool.boundary;

import io.llmops.platform.error.ApiException;
import io.llmops.platform.error.FieldError;
import io.llmops.platform.outbound.OutboundBlockedException;
import io.llmops.platform.outbound.OutboundHttp;
import io.llmops.platform.outbound.OutboundRequest;
import io.llmops.platform.paging.Page;
import io.llmops.platform.paging.PageQuery;
import io.llmops.tool.boundary.ApiToolDtos.AuthEntry;
import io.llmops.tool.boundary.ApiToolDtos.HeaderEntry;
import io.llmops.tool.boundary.ApiToolDtos.ProviderRequest;
import io.llmops.tool.boundary.ApiToolDtos.ProviderView;
import io.llmops.tool.boundary.ApiToolDtos.ToolView;
import io.llmops.tool.boundary.ApiToolDtos.ValidationView;
import io.llmops.tool.control.ApiCall;
import io.llmops.tool.control.ApiCredentialRules;
import io.llmops.tool.control.ApiCredentials;
import io.llmops.tool.control.ApiOperation;
import io.llmops.tool.control.InvalidOpenApiSchema;
import io.llmops.tool.control.OpenApiImporter;
import io.llmops.tool.control.OpenApiSpec;
import io.llmops.tool.control.SpecDocument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The API tools facade: validates specs, imports them (by text or fetched from {@code schema_url}
 * through the guarded {@link OutboundHttp}), lists, reads (secrets masked), replaces and deletes
 * providers, and runs one tool. Nothing is stored unless the whole import is valid.
 */
@ApplicationScoped
public class ApiTools {

    static final int MAX_SEARCH = 64;
    static final String DEFAULT_ICON = "🔧";

    @Inject
    ApiToolStore store;

    @Inject
    OutboundHttp http;

    public ValidationView validate(String schemaText) {
        OpenApiSpec spec = read(schemaText, null);
        return new ValidationView(spec.serverUrl(), tools(spec.serverUrl(), spec.operations()), spec.warnings());
    }

    public ProviderView create(UUID workspaceId, ProviderRequest request) {
        ApiCredentials credentials = credentials(request);
        requireValid(ApiCredentialRules.check(credentials));
        return view(store.create(workspaceId, draft(request, credentials)), true);
    }

    /** Replaces the whole provider; a header or auth value sent back exactly as it was shown masked keeps the stored secret. */
    public ProviderView update(UUID workspaceId, UUID providerId, ProviderRequest request) {
        ApiToolStore.Stored stored = store.get(workspaceId, providerId);
        ApiCredentials credentials = credentials(request).keepMasked(stored.credentials());
        requireValid(ApiCredentialRules.check(credentials));
        return view(store.replace(workspaceId, providerId, draft(request, credentials)), true);
    }

    public ProviderView get(UUID workspaceId, UUID providerId) {
        return view(store.get(workspaceId, providerId), true);
    }

    public Page<ProviderView> list(UUID workspaceId, String search, PageQuery page) {
        if (search != null && search.length() > MAX_SEARCH) {
            throw ApiException.invalidField("search", "must be at most " + MAX_SEARCH + " characters");
        }
        return store.list(workspaceId, search, page).map(stored -> view(stored, false));
    }

    public void delete(UUID workspaceId, UUID providerId) {
        store.delete(workspaceId, providerId);
    }

    public ToolView tool(UUID workspaceId, UUID providerId, String toolName) {
        ApiToolStore.Stored stored = store.get(workspaceId, providerId);
        return stored.operations().stream().filter(op -> op.name().equals(toolName)).findFirst()
                .map(op -> toolView(stored.serverUrl(), op))
                .orElseThrow(() -> ApiException.notFound("Tool"));
    }

    /** The callable tool, if the workspace has this provider and the provider this tool. */
    public Optional<ApiCall> callable(UUID workspaceId, UUID providerId, String toolName) {
        return store.find(workspaceId, providerId).flatMap(stored -> stored.operations().stream()
                .filter(op -> op.name().equals(toolName)).findFirst()
                .map(op -> new ApiCall(stored.serverUrl(), op, stored.credentials(), http)));
    }


    private ApiToolStore.Draft draft(ProviderRequest request, ApiCredentials credentials) {
        boolean hasText = request.openapiSchema() != null && !request.openapiSchema().isBlank();
        boolean hasUrl = request.schemaUrl() != null && !request.schemaUrl().isBlank();
        if (hasText == hasUrl) {
            throw ApiException.invalidField("openapi_schema", hasText ? "give openapi_schema or schema_url, not both"
                    : "is required unless schema_url is given");
        }
        String text = request.openapiSchema();
        URI base = null;
        if (hasUrl) {
            base = schemaUri(request.schemaUrl().strip());
            text = fetch(base);
        }
        OpenApiSpec spec = read(text, base);
        String icon = request.icon() == null || request.icon().isBlank() ? DEFAULT_ICON : request.icon().strip();
        return new ApiToolStore.Draft(request.name().strip(), icon, text, hasUrl ? base.toString() : null,
                spec.serverUrl(), credentials, spec.operations());
    }

    private static OpenApiSpec read(String text, URI base) {
        try {
            return OpenApiImporter.read(text, base);
        } catch (InvalidOpenApiSchema e) {
            throw new ApiException(400, "invalid_openapi_schema", "The OpenAPI schema cannot be turned into tools: "
                    + e.reasons().getFirst(), e.reasons().stream().map(r -> new FieldError("openapi_schema", r)).toList(),
                    Map.of());
        }
    }

    private static URI schemaUri(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawUserInfo() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw ApiException.invalidField("schema_url", "must be an http(s) URL");
    }

    private String fetch(URI uri) {
        OutboundHttp.Reply reply;
        try {
            reply = http.send(OutboundRequest.get(uri).withHeader("Accept", "application/json, application/yaml, text/yaml, */*"));
        } catch (OutboundBlockedException e) {
            throw ApiException.badRequest(OutboundBlockedException.CODE, "schema_url is not allowed: " + e.getMessage());
        } catch (OutboundHttp.ResponseTooLargeException e) {
            throw tooLarge();
        } catch (IOException e) {
            throw ApiException.badRequest("schema_url_unreachable", "schema_url could not be fetched: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        if (!reply.isSuccess()) {
            throw ApiException.badRequest("schema_url_unreachable", "schema_url answered HTTP " + reply.status());
        }
        if (reply.bytes().length > SpecDocument.MAX_CHARS) {
            throw tooLarge();
        }
        return reply.body();
    }

    private static ApiException tooLarge() {
        return new ApiException(400, "invalid_openapi_schema", "The schema at schema_url is larger than "
                + SpecDocument.MAX_CHARS + " bytes", List.of(new FieldError("schema_url", "the schema is larger than "
                + SpecDocument.MAX_CHARS + " bytes")), Map.of());
    }

    private static ApiCredentials credentials(ProviderRequest request) {
        List<ApiCredentials.Header> headers = new ArrayList<>();
        if (request.headers() != null) {
            for (HeaderEntry h : request.headers()) {
                headers.add(new ApiCredentials.Header(h.key() == null ? null : h.key().strip(), h.value()));
            }
        }
        AuthEntry auth = request.auth();
        if (auth == null || auth.type() == null || auth.type().equals("none")) {
            return new ApiCredentials(headers, auth != null && auth.type() == null
                    ? new ApiCredentials.Auth(null, null, null) : ApiCredentials.Auth.NONE);
        }
        String name = auth.type().equals("bearer") || auth.name() == null ? null : auth.name().strip();
        return new ApiCredentials(headers, new ApiCredentials.Auth(auth.type(), name, auth.value()));
    }

    private static void requireValid(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ApiException(400, "validation_failed", "The request has invalid fields", errors, Map.of());
        }
    }

    private static List<ToolView> tools(String serverUrl, List<ApiOperation> operations) {
        return operations.stream().map(op -> toolView(serverUrl, op)).toList();
    }

    private static ToolView toolView(String serverUrl, ApiOperation op) {
        return new ToolView(op.name(), op.description(), op.method(), op.path(), serverUrl + op.path(), op.parameters());
    }

    private static ProviderView view(ApiToolStore.Stored stored, boolean withSchema) {
        ApiCredentials masked = stored.credentials().masked();
        ApiCredentials.Auth auth = masked.auth();
        return new ProviderView(stored.id(), stored.name(), stored.icon(), stored.schemaUrl(), stored.serverUrl(),
                withSchema ? stored.schemaText() : null,
                masked.headers().stream().map(h -> new HeaderEntry(h.key(), h.value())).toList(),
                new AuthEntry(auth.type(), auth.name(), auth.value()),
                tools(stored.serverUrl(), stored.operations()), stored.createdAt(), stored.updatedAt());
    }
}
