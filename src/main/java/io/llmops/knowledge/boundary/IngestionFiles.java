package io.llmops.knowledge.boundary;

import io.llmops.knowledge.boundary.DatasetDtos.PreProcessRuleBody;
import io.llmops.knowledge.boundary.DatasetDtos.ProcessRuleView;
import io.llmops.knowledge.boundary.DocumentStore.Work;
import io.llmops.knowledge.control.DocumentParser;
import io.llmops.knowledge.control.DocumentParser.UnreadableDocumentException;
import io.llmops.knowledge.control.FileStorage;
import io.llmops.knowledge.control.ProcessRule;
import io.llmops.knowledge.control.RecursiveTextSplitter;
import io.llmops.platform.json.JsonbProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What the ingestion stages hand on to each other, kept in the file storage beside the uploads: the
 * cleaned text ({@code ingestion/<document>/text}) and the segments cut from it
 * ({@code ingestion/<document>/segments}, a JSON array). A stage whose input is missing (another
 * instance's disk, removed files) makes it again from the upload: parsing, cleaning and splitting are
 * deterministic, so the result is the same. The files go when the document is completed or deleted.
 */
@ApplicationScoped
public class IngestionFiles {

    private static final Type STRINGS = new ArrayList<String>() { }.getClass().getGenericSuperclass();

    @Inject
    FileStorage storage;

    /** Parses the upload and applies the pre-process rules; stores and answers the text. */
    public String parse(Work work) throws UnreadableDocumentException {
        String text;
        try (InputStream in = storage.get(work.uploadStorageKey())) {
            text = rule(work).cleaner().clean(new DocumentParser().parse(in, work.uploadExtension()));
        } catch (NoSuchFileException e) {
            throw new UnreadableDocumentException("the uploaded file is gone from the storage", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.isBlank()) {
            throw new UnreadableDocumentException("the document has no text once cleaned");
        }
        put(textKey(work.documentId()), text);
        return text;
    }

    /** Splits the cleaned text (parsing again if it is missing); stores and answers the segments. */
    public List<String> split(Work work) throws UnreadableDocumentException {
        String text = read(textKey(work.documentId()));
        if (text == null) {
            text = parse(work);
        }
        List<String> segments = rule(work).splitter().split(text).stream().map(RecursiveTextSplitter.Chunk::content).toList();
        if (segments.isEmpty()) {
            throw new UnreadableDocumentException("the document has no text to split into segments");
        }
        put(segmentsKey(work.documentId()), JsonbProvider.shared().toJson(segments));
        return segments;
    }

    /** The segments split before, or split again. */
    public List<String> segments(Work work) throws UnreadableDocumentException {
        String json = read(segmentsKey(work.documentId()));
        return json == null ? split(work) : JsonbProvider.shared().fromJson(json, STRINGS);
    }

    public void delete(UUID documentId) {
        try {
            storage.delete(textKey(documentId));
            storage.delete(segmentsKey(documentId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProcessRule rule(Work work) {
        return rule(work.processRuleJson());
    }

    static ProcessRule rule(String json) {
        if (json == null) {
            return ProcessRule.AUTOMATIC;
        }
        ProcessRuleView view = JsonbProvider.shared().fromJson(json, ProcessRuleView.class);
        Set<String> enabled = view.preProcessRules() == null ? Set.of() : view.preProcessRules().stream()
                .filter(PreProcessRuleBody::enabled).map(PreProcessRuleBody::id).collect(Collectors.toSet());
        return new ProcessRule(enabled, view.separators() == null ? List.of() : view.separators(), view.chunkSize(),
                view.chunkOverlap());
    }

    private static String textKey(UUID documentId) {
        return "ingestion/" + documentId + "/text";
    }

    private static String segmentsKey(UUID documentId) {
        return "ingestion/" + documentId + "/segments";
    }

    private void put(String key, String content) {
        try {
            storage.put(key, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String read(String key) {
        try (InputStream in = storage.get(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
