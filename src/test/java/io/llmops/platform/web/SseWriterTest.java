package io.llmops.platform.web;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SseWriterTest {

    @Test
    void framesCarryTheEventNameTwiceAndSnakeCaseJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SseWriter writer = new SseWriter(out);

        writer.send("message", Map.of("answer", "Hi"));

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("event: message\ndata: {\"event\":\"message\",\"answer\":\"Hi\"}\n\n");
    }

    @Test
    void repeatedEventsAreTheSameJsonAsSendWrites() {
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("id", java.util.UUID.fromString("00000000-0000-0000-0000-000000000001"));
        fixed.put("created_at", java.time.Instant.parse("2026-11-26T07:00:00Z"));
        String tricky = "quote \" backslash \\ newline \n tab \t control \u0001 unicode 你好 </script>";
        ByteArrayOutputStream viaSend = new ByteArrayOutputStream();
        ByteArrayOutputStream viaRepeated = new ByteArrayOutputStream();
        Map<String, Object> all = new LinkedHashMap<>(fixed);
        all.put("answer", tricky);

        new SseWriter(viaSend).send("message", all);
        SseWriter.Repeated answers = new SseWriter(viaRepeated).repeated("message", fixed, "answer");
        answers.send(tricky);

        assertThat(viaRepeated.toString(StandardCharsets.UTF_8)).isEqualTo(viaSend.toString(StandardCharsets.UTF_8));
    }

    @Test
    void newlinesInsideValuesStayInsideTheJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new SseWriter(out).send("message", Map.of("answer", "line 1\nline 2"));

        assertThat(out.toString(StandardCharsets.UTF_8).split("\n\n")).hasSize(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("line 1\\nline 2");
    }

    @Test
    void aClientThatWentAwayTurnsSendsIntoNoOps() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        SseWriter writer = new SseWriter(broken);

        writer.send("message", Map.of("answer", "x"));
        writer.send("message_end", Map.of());

        assertThat(writer.isClientGone()).isTrue();
    }

    @Test
    void keepAliveSendsAPingAfterSilenceAndStopsWhenClosed() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SseWriter writer = new SseWriter(out);

        try (SseWriter.KeepAlive ignored = writer.keepAlive(1)) {
            Thread.sleep(2_500);
        }
        String afterClose = out.toString(StandardCharsets.UTF_8);
        Thread.sleep(1_500);

        assertThat(afterClose).contains("event: ping");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(afterClose);
    }
}
