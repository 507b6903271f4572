package io.llmops.knowledge.boundary;

import io.llmops.knowledge.boundary.DatasetDtos.BatchView;
import io.llmops.knowledge.boundary.DatasetDtos.DocumentPatch;
import io.llmops.knowledge.boundary.DatasetDtos.DocumentView;
import io.llmops.knowledge.boundary.DatasetDtos.DocumentsRequest;
import io.llmops.knowledge.boundary.DatasetDtos.EnabledRequest;
import io.llmops.knowledge.boundary.DatasetDtos.SegmentPatch;
import io.llmops.knowledge.boundary.DatasetDtos.SegmentRequest;
import io.llmops.knowledge.boundary.DatasetDtos.SegmentView;
import io.llmops.platform.boundary.Roles;
import io.llmops.platform.paging.Page;
import io.llmops.platform.paging.PageQuery;
import io.llmops.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * A dataset's documents: uploads ingested by the batch job (created by batch, progress per document),
 * rename, enable, delete, pause, resume, retry, and their segments.
 */
@ApplicationScoped
@Path("api/datasets/{dataset_id}/documents")
@SecurityRequirement(name = Roles.BEARER_SCHEME)
@Tag(name = "datasets")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DocumentsResource {

    @Inject
    Datasets datasets;

    @Inject
    Documents documents;

    @Inject
    Caller caller;

    @POST
    @Operation(summary = "Ingest uploaded files (at most 20) as documents of one batch: parse, clean, split, embed, "
            + "index in the background; process_type automatic (200 tokens, 20 overlap) or custom with a rule")
    @APIResponse(responseCode = "201", description = "Created; watch GET …/documents/batch/{batch}")
    public Response create(@PathParam("dataset_id") UUID datasetId, @Valid @NotNull DocumentsRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(documents.create(caller.workspaceId(), caller.accountId(), datasetId, request)).build();
    }

    @GET
    @Path("batch/{batch}")
    @Operation(summary = "Progress of a batch: per document its status, segments written of the total, characters, error, times")
    public BatchView batch(@PathParam("dataset_id") UUID datasetId, @PathParam("batch") String batch) {
        return documents.batch(caller.workspaceId(), datasetId, batch);
    }

    @GET
    @Path("{document_id}")
    @Operation(summary = "One document with its ingestion progress")
    public DocumentView get(@PathParam("dataset_id") UUID datasetId, @PathParam("document_id") UUID documentId) {
        return documents.get(caller.workspaceId(), datasetId, documentId);
    }

    @PATCH
    @Path("{document_id}")
    @Operation(summary = "Rename a document")
    public DocumentView rename(@PathParam("dataset_id") UUID datasetId, @PathParam("document_id") UUID documentId,
                               @Valid @NotNull DocumentPatch patch) {
        return documents.rename(caller.workspaceId(), datasetId, documentId, patch.name());
    }

    @PUT
    @Path("{document_id}/enabled")
    @Operation(summary = "Enable or disable a document: a disabled document's segments are never retrieved")
    public DocumentView enable(@PathParam("dataset_id") UUID datasetId, @PathParam("document_id") UUID documentId,
                               @Valid @NotNull EnabledRequest request) {
        return documents.enable(caller.workspaceId(), datasetId, documentId, request.enabled());
    }

    @DELETE
    @Path("{document_id}")
    @Operation(summary = "Delete a document: gone from lists and searches at once (its job stops)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("dataset_id") UUID datasetId, @PathParam("document_id") UUID documentId) {
        documents.delete(caller.workspaceId(), datasetId, documentId);
        return Response.noContent().build();
    }

    @POST
    @Path("{document_id}/pause")
    @Operation(summary = "Pause a document being ingested: its job stops at the next checkpoint (409 unless running)")
    public DocumentView pause(@PathParam("dataset_id") UUID datasetId, @PathParam("document_id") UUID documentId) {
        return documents.pause(caller.workspaceId(), datasetId, documentId);
    }

    @POST
    @Path("{document_id}/resume")
    @Operation(summary = "Resume a paused document from its last written segment (409 unless paused)")
    public DocumentView resume(@PathParam("dataset_id") UUID datasetId, @PathParam("document_id") UUID documentId) {
        return documents.resume(caller.workspaceId(), datasetId, documentId);
    }

    @POST
    @Path("{document_id}/retry")
    @Operation(summary = "Ingest a failed document again from the start (409 unless status is error)")
    public DocumentView retry(@PathParam("dataset_id") UUID datasetId, @PathParam("document_id") UUID documentId) {
        return documents.retry(caller.workspaceId(), datasetId, documentId);
    }

    @GET
        @Operation(summary = "The dataset's documents (including its 'manual' document for typed-in segments); search by name")
    public Page<DocumentView> documents(@PathParam("dataset_id") UUID datasetId, @Valid @BeanParam PageQuery page,
                                        @QueryParam("search") String search) {
        return datasets.documents(caller.workspaceId(), datasetId, search, page);
    }

    @GET
    @Path("{document_id}/segments")
    @Operation(summary = "A document's segments in order; search matches the content, ignoring case")
    public Page<SegmentView> segments(@PathParam("dataset_id") UUID datasetId, @PathParam("document_id") UUID documentId,
                                      @Valid @BeanParam PageQuery page, @QueryParam("search") String search) {
        return datasets.segments(caller.workspaceId(), datasetId, documentId, search, page);
    }

    @POST
    @Path("{document_id}/segments")
    @Operation(summary = "Add a segment at the end of a document: embedded, keywords extracted unless given, indexed")
    @APIResponse(responseCode = "201", description = "Created")
    public Response addSegment(@PathParam("dataset_id") UUID datasetId, @PathParam("document_id") UUID documentId,
                               @Valid @NotNull SegmentRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(datasets.addSegment(caller.workspaceId(), datasetId, documentId, request)).build();
    }

    @PATCH
    @Path("{document_id}/segments/{segment_id}")
    @Operation(summary = "Change a segment's content (re-embedded, re-indexed) and/or keywords")
    public SegmentView editSegment(@PathParam("dataset_id") UUID datasetId, @PathParam("document_id") UUID documentId,
                                   @PathParam("segment_id") UUID segmentId, @Valid @NotNull SegmentPatch patch) {
        return datasets.editSegment(caller.workspaceId(), datasetId, documentId, segmentId, patch);
    }

    @PUT
    @Path("{document_id}/segments/{segment_id}/enabled")
    @Operation(summary = "Enable or disable a segment: disabled ones are never retrieved")
    public SegmentView enableSegment(@PathParam("dataset_id") UUID datasetId, @PathParam("document_id") UUID documentId,
                                     @PathParam("segment_id") UUID segmentId, @Valid @NotNull EnabledRequest request) {
        return datasets.enableSegment(caller.workspaceId(), datasetId, documentId, segmentId, request.enabled());
    }

    @DELETE
    @Path("{document_id}/segments/{segment_id}")
    @Operation(summary = "Delete a segment (from PostgreSQL and the index)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response deleteSegment(@PathParam("dataset_id") UUID datasetId, @PathParam("document_id") UUID documentId,
                                  @PathParam("segment_id") UUID segmentId) {
        datasets.deleteSegment(caller.workspaceId(), datasetId, documentId, segmentId);
        return Response.noContent().build();
    }
}
