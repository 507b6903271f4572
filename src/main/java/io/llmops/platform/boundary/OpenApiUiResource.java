package io.llmops.platform.boundary;

import io.llmops.platform.error.ApiException;
import io.llmops.platform.security.Public;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Swagger UI at /openapi-ui/, from the swagger-ui webjar in the WAR, pointed at /openapi.
 * Only plain file names of the webjar are served; nothing else on the class path is reachable.
 */
@ApplicationScoped
@Path("openapi-ui")
@Public
public class OpenApiUiResource {

    private static final String OWN = "openapi-ui/";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.(js|css|png|html|map)");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript", "css", "text/css",
            "png", "image/png", "html", "text/html", "map", "application/json");

    @GET
    @Operation(hidden = true)
    public Response index() {
        return serve(OWN + "index.html", "text/html");
    }

    @GET
    @Path("{file}")
    @Operation(hidden = true)
    public Response file(@PathParam("file") String file) {
        if ("index.html".equals(file)) {
            return index();
        }
        if (!FILE.matcher(file).matches()) {
            throw ApiException.notFound("File");
        }
        String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
        // our own page files first, then Swagger UI's
        InputStream own = open(OWN + file);
        return own != null ? ok(own, type) : serve(WEBJAR + BuildInfo.swaggerUiVersion() + "/" + file, type);
    }

    private static Response serve(String resource, String type) {
        InputStream in = open(resource);
        if (in == null) {
            throw ApiException.notFound("File");
        }
        return ok(in, type);
    }

    private static InputStream open(String resource) {
        return OpenApiUiResource.class.getClassLoader().getResourceAsStream(resource);
    }

    private static Response ok(InputStream in, String type) {
        return Response.ok(in, type).header("Cache-Control", "public, max-age=3600").build();
    }
}
