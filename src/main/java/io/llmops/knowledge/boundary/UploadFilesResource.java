package io.llmops.knowledge.boundary;

import io.llmops.knowledge.boundary.UploadFileDtos.UploadFileView;
import io.llmops.platform.boundary.Roles;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/**
 * Files uploaded for knowledge bases (documents) and icons (images), per workspace. The POSTs
 * declare no {@code @Consumes}: Jersey would answer 415 before authentication; {@link UploadBodyLimit}
 * refuses other body types with 415 after it.
 */
@ApplicationScoped
@Path("api/upload-files")
@SecurityRequirement(name = Roles.BEARER_SCHEME)
@Tag(name = "knowledge")
@Produces(MediaType.APPLICATION_JSON)
public class UploadFilesResource {

    @Inject
    UploadFiles uploadFiles;

    @Inject
    Caller caller;

    @POST
    @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA))
    @Operation(summary = "Upload a document (multipart field 'file': txt, md, pdf, docx, html, csv, xlsx; "
            + "at most llmops.upload.max-file-bytes). 413 payload_too_large, 400 empty_file, unsupported_file_type "
            + "(extension and content disagree) or archive_too_large")
    @APIResponse(responseCode = "201", description = "Stored")
    public Response upload(List<EntityPart> parts) {
        return created(accept(parts, UploadFiles.Kind.DOCUMENT));
    }

    @POST
    @Path("image")
    @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA))
    @Operation(summary = "Upload an icon image (multipart field 'file': png, jpg, webp; at most llmops.upload.max-image-bytes)")
    @APIResponse(responseCode = "201", description = "Stored")
    public Response uploadImage(List<EntityPart> parts) {
        return created(accept(parts, UploadFiles.Kind.IMAGE));
    }

    @GET
    @Path("{upload_file_id}")
    @Operation(summary = "An uploaded file's metadata")
    public UploadFileView get(@PathParam("upload_file_id") UUID id) {
        return UploadFileView.of(uploadFiles.get(caller.workspaceId(), id));
    }

    @GET
    @Path("{upload_file_id}/content")
    @Produces({"image/png", "image/jpeg", "image/webp", MediaType.APPLICATION_JSON})
    @Operation(summary = "An uploaded image's bytes (icons); 404 for documents")
    public Response content(@PathParam("upload_file_id") UUID id) {
        UploadFiles.Stored file = uploadFiles.get(caller.workspaceId(), id);
        return Response.ok(uploadFiles.image(file), file.mimeType())
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, max-age=86400")
                .build();
    }

    /** The whole form as parts: Jersey's {@code @FormParam EntityPart} fails with a 500 when the part is missing. */
    private UploadFiles.Stored accept(List<EntityPart> parts, UploadFiles.Kind kind) {
        EntityPart file = parts == null ? null
                : parts.stream().filter(part -> "file".equals(part.getName())).findFirst().orElse(null);
        if (file == null) {
            throw ApiException.invalidField("file", "a multipart part named 'file' is required");
        }
        // closing the part's stream lets the multipart parser drop its temporary copy now
        try (InputStream content = file.getContent()) {
            return uploadFiles.accept(caller.workspaceId(), caller.accountId(), file.getFileName().orElse(null),
                    content, kind);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response created(UploadFiles.Stored stored) {
        return Response.status(Response.Status.CREATED).entity(UploadFileView.of(stored)).build();
    }
}
