package io.llmops.it;

import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import io.llmops.testing.UploadFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/upload-files[/image] and GET /api/upload-files/{id}[/content] over real multipart HTTP. */
@ExtendWith(LlmopsServer.class)
class UploadFilesIT {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final Api api = new Api();
    private static Session me;

    @BeforeAll
    static void signUp() {
        me = api.register();
    }

    @Test
    void everyAcceptedTypeIsStoredWithItsHash() throws Exception {
        Map<String, byte[]> files = Map.of(
                "notes.txt", UploadFixtures.text("plain text\n中文内容"),
                "readme.md", UploadFixtures.text("# Title\n\n* item\n"),
                "table.csv", UploadFixtures.text("name,age\nalice,30\n"),
                "page.html", UploadFixtures.text("<!DOCTYPE html><html><head><title>t</title></head><body>hi</body></html>"),
                "paper.pdf", UploadFixtures.pdf("hello pdf"),
                "letter.docx", UploadFixtures.docx("hello docx"),
                "sheet.xlsx", UploadFixtures.xlsx("hello xlsx"));
        Map<String, String> mimeTypes = Map.of("txt", "text/plain", "md", "text/markdown", "csv", "text/csv",
                "html", "text/html", "pdf", "application/pdf", "docx", DOCX, "xlsx", XLSX);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Reply reply = upload(me, "/api/upload-files", file.getKey(), file.getValue());
            assertThat(reply.status()).as(file.getKey() + ": " + reply.body()).isEqualTo(201);
            String extension = file.getKey().substring(file.getKey().indexOf('.') + 1);
            assertThat(reply.json().path("name").asText()).isEqualTo(file.getKey());
            assertThat(reply.json().path("size").asLong()).isEqualTo(file.getValue().length);
            assertThat(reply.json().path("extension").asText()).isEqualTo(extension);
            assertThat(reply.json().path("mime_type").asText()).isEqualTo(mimeTypes.get(extension));
            assertThat(reply.json().path("created_at").asText()).endsWith("Z");
            String id = reply.json().path("id").asText();

            Map<String, String> row = row(id);
            assertThat(row.get("sha256")).isEqualTo(sha256(file.getValue()));
            assertThat(row.get("workspace_id")).isEqualTo(me.workspaceId());
            assertThat(row.get("created_by")).isEqualTo(me.accountId());
            assertThat(row.get("used")).isEqualTo("false");
            assertThat(row.get("storage_key")).isEqualTo("uploads/" + me.workspaceId() + "/" + id);
            assertThat(Files.readAllBytes(LlmopsServer.storageRoot().resolve(row.get("storage_key"))))
                    .isEqualTo(file.getValue());

            Reply read = api.get("/api/upload-files/" + id, me.accessToken());
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json()).isEqualTo(reply.json());
        }
    }

    @Test
    void chineseFileNamesArriveIntact() {
        Reply reply = upload(me, "/api/upload-files", "季度报告 2026.txt", UploadFixtures.text("内容"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().path("name").asText()).isEqualTo("季度报告 2026.txt");
    }

    @Test
    void pathsInFileNamesAreDroppedAndNeverReachStorage() throws Exception {
        Reply reply = upload(me, "/api/upload-files", "../../../../tmp/evil/../passwd.txt", UploadFixtures.text("x"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().path("name").asText()).isEqualTo("passwd.txt");
        assertThat(row(reply.json().path("id").asText()).get("storage_key")).doesNotContain("passwd", "..");
        assertThat(Path.of("/tmp/evil/passwd.txt")).doesNotExist();
    }

    @Test
    void emptyFilesAreRefused() throws Exception {
        Session session = api.register();
        Reply reply = upload(session, "/api/upload-files", "empty.txt", new byte[0]);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("empty_file");
        assertNothingStored(session);
    }

    @Test
    void executablesRenamedToDocumentsAreRefused() throws Exception {
        Session session = api.register();
        for (byte[] executable : new byte[][] {UploadFixtures.elf(), UploadFixtures.windowsExe()}) {
            Reply reply = upload(session, "/api/upload-files", "invoice.pdf", executable);
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("unsupported_file_type");
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        Reply exe = upload(session, "/api/upload-files", "setup.exe", UploadFixtures.windowsExe());
        assertThat(exe.code()).isEqualTo("unsupported_file_type");
        Reply textAsDocx = upload(session, "/api/upload-files", "letter.docx", UploadFixtures.text("plain"));
        assertThat(textAsDocx.code()).isEqualTo("unsupported_file_type");
        assertNothingStored(session);
    }

    @Test
    void filesOverTheCapAre413WhetherDeclaredOrChunkedAndNothingIsStored() throws Exception {
        Session session = api.register();
        int cap = 15 * 1024 * 1024;
        byte[] huge = new byte[cap + 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        Multipart body = Multipart.of("huge.txt", huge);

        // refused on the declared length alone; the client waits for 100-continue and never sends the body
        Reply declared = api.send(http1("/api/upload-files", session.accessToken())
                .header("Content-Type", body.contentType())
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
        assertThat(declared.status()).as(declared.body()).isEqualTo(413);
        assertThat(declared.code()).isEqualTo("payload_too_large");

        // no length given: counted while it streams in, stopped past the cap
        Reply chunked = api.send(http1("/api/upload-files", session.accessToken())
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.bytes()))));
        assertThat(chunked.status()).as(chunked.body()).isEqualTo(413);
        assertThat(chunked.code()).isEqualTo("payload_too_large");

        // one byte over: within the multipart allowance, so the file's own count refuses it
        Reply oneOver = upload(session, "/api/upload-files", "big.txt", java.util.Arrays.copyOf(huge, cap + 1));
        assertThat(oneOver.status()).as(oneOver.body()).isEqualTo(413);
        assertThat(oneOver.code()).isEqualTo("payload_too_large");
        assertNothingStored(session);

        Reply atCap = upload(session, "/api/upload-files", "big.txt", java.util.Arrays.copyOf(huge, cap));
        assertThat(atCap.status()).as(atCap.body()).isEqualTo(201);
        assertThat(atCap.json().path("size").asLong()).isEqualTo(cap);
        assertThat(count(session)).isEqualTo(1);
    }

    @Test
    void aZipBombDocxIsRefusedByItsRealSize() throws Exception {
        Session session = api.register();
        byte[] bomb = UploadFixtures.bombDocx(1L << 30);
        Reply reply = upload(session, "/api/upload-files", "bomb.docx", bomb);
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("archive_too_large");
        assertNothingStored(session);
    }

    @Test
    void imagesForIconsAreSniffedCappedAndServedBack() throws Exception {
        Session session = api.register();
        Map<String, byte[]> images = Map.of("icon.png", UploadFixtures.png(), "icon.webp", UploadFixtures.webp(),
                "photo.jpg", UploadFixtures.jpeg());
        for (Map.Entry<String, byte[]> image : images.entrySet()) {
            Reply reply = upload(session, "/api/upload-files/image", image.getKey(), image.getValue());
            assertThat(reply.status()).as(image.getKey() + ": " + reply.body()).isEqualTo(201);
            assertThat(reply.json().path("mime_type").asText()).startsWith("image/");
            HttpResponse<byte[]> content = bytes(session, "/api/upload-files/" + reply.json().path("id").asText() + "/content");
            assertThat(content.statusCode()).isEqualTo(200);
            assertThat(content.body()).isEqualTo(image.getValue());
            assertThat(content.headers().firstValue("Content-Type").orElseThrow())
                    .isEqualTo(reply.json().path("mime_type").asText());
            assertThat(content.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(upload(session, "/api/upload-files/image", "doc.pdf", UploadFixtures.pdf("x")).code())
                .isEqualTo("unsupported_file_type");
        assertThat(upload(session, "/api/upload-files/image", "fake.png", UploadFixtures.text("<svg/>")).code())
                .isEqualTo("unsupported_file_type");
        byte[] large = java.util.Arrays.copyOf(UploadFixtures.png(), 2 * 1024 * 1024 + 1);
        Reply tooLarge = upload(session, "/api/upload-files/image", "large.png", large);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.code()).isEqualTo("payload_too_large");
        assertThat(count(session)).isEqualTo(3);

        String document = upload(session, "/api/upload-files", "page.html",
                UploadFixtures.text("<html><body><script>alert(1)</script></body></html>")).json().path("id").asText();
        assertThat(bytes(session, "/api/upload-files/" + document + "/content").statusCode())
                .as("documents are never served back").isEqualTo(404);
    }

    @Test
    void anotherWorkspaceSeesNothing() {
        Reply mine = upload(me, "/api/upload-files/image", "mine.png", UploadFixtures.png());
        String id = mine.json().path("id").asText();
        Session other = api.register();
        Reply read = api.get("/api/upload-files/" + id, other.accessToken());
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.code()).isEqualTo("not_found");
        assertThat(bytes(other, "/api/upload-files/" + id + "/content").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/upload-files/" + UUID.randomUUID(), me.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void anonymousCallersAre401() {
        Multipart body = Multipart.of("a.txt", UploadFixtures.text("x"));
        Reply post = api.send(http1("/api/upload-files", null)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
        assertThat(post.status()).isEqualTo(401);
        assertThat(api.get("/api/upload-files/" + UUID.randomUUID(), null).status()).isEqualTo(401);
    }

    @Test
    void aRequestWithoutAFilePartIsAValidationError() {
        Multipart body = Multipart.of("other", "a.txt", UploadFixtures.text("x"));
        Reply reply = api.send(http1("/api/upload-files", me.accessToken())
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("validation_failed");

        Reply json = api.post("/api/upload-files", me.accessToken(), Map.of("file", "x"));
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.code()).isEqualTo("unsupported_media_type");
        assertThat(api.post("/api/upload-files/image", null, Map.of("file", "x")).status()).isEqualTo(401);
    }

    private static Reply upload(Session session, String path, String fileName, byte[] content) {
        Multipart body = Multipart.of(fileName, content);
        return api.send(http1(path, session.accessToken())
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
    }

    /**
     * Uploads go over HTTP/1.1 as browsers' multipart forms to a plain-HTTP server do: the JDK client's
     * default h2c upgrade of a request with a body breaks the shared connection once the server
     * answers before reading the whole body (413).
     */
    private static HttpRequest.Builder http1(String path, String token) {
        return api.request(path, token).version(java.net.http.HttpClient.Version.HTTP_1_1);
    }

    private static HttpResponse<byte[]> bytes(Session session, String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(api.request(path, session.accessToken()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data body built by hand, the file name as raw UTF-8 (as browsers send it). */
    record Multipart(String boundary, byte[] bytes) {
        static Multipart of(String fileName, byte[] content) {
            return of("file", fileName, content);
        }

        static Multipart of(String field, String fileName, byte[] content) {
            String boundary = "----llmops" + UUID.randomUUID().toString().replace("-", "");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(("--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return new Multipart(boundary, out.toByteArray());
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }
    }

    private static Map<String, String> row(String id) throws Exception {
        try (Connection db = db();
             PreparedStatement query = db.prepareStatement("select workspace_id, created_by, sha256, storage_key, used "
                     + "from upload_file where id = ?")) {
            query.setObject(1, UUID.fromString(id));
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("a stored row").isTrue();
                return Map.of("workspace_id", row.getString(1), "created_by", row.getString(2),
                        "sha256", row.getString(3), "storage_key", row.getString(4), "used", String.valueOf(row.getBoolean(5)));
            }
        }
    }

    private static long count(Session session) throws Exception {
        try (Connection db = db();
             PreparedStatement query = db.prepareStatement("select count(*) from upload_file where workspace_id = ?")) {
            query.setObject(1, UUID.fromString(session.workspaceId()));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void assertNothingStored(Session session) throws Exception {
        assertThat(count(session)).as("rows").isZero();
        Path dir = LlmopsServer.storageRoot().resolve("uploads").resolve(session.workspaceId());
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).as("stored files").isEmpty();
            }
        }
    }

    private static Connection db() throws Exception {
        Map<String, String> env = LlmopsServer.baseEnvironment();
        return DriverManager.getConnection(env.get("LLMOPS_DATABASE_URL"), env.get("LLMOPS_DATABASE_USER"),
                env.get("LLMOPS_DATABASE_PASSWORD"));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
