package io.llmops.it;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import io.llmops.testing.FakeOpenAiServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static io.llmops.it.Api.object;
import static io.llmops.testing.FakeOpenAiServer.Reply.error;
import static io.llmops.testing.FakeOpenAiServer.Reply.stream;
import static org.assertj.core.api.Assertions.assertThat;

/** An app's statistics over HTTP, against turns with known usage on a fake model. */
class StatisticsIT extends FakeModelAppIT {

    // gpt-4o-mini in the catalogue: USD per million tokens
    private static final BigDecimal INPUT_PRICE = new BigDecimal("0.15");
    private static final BigDecimal OUTPUT_PRICE = new BigDecimal("0.60");
    private static final ObjectMapper EXACT = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @BeforeEach
    void appWithModel() {
        newAppWithModel("Stats bot",
                "{\"model_config\":{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\"},\"dialog_round\":3}");
    }

    private JsonNode turn(FakeOpenAiServer.Reply reply, String query) {
        fake.enqueue(reply);
        Reply answer = api.post("/api/apps/" + appId + "/conversations", session.accessToken(),
                object("query", query, "response_mode", "blocking"));
        assertThat(answer.status()).as(answer.body()).isIn(200, 502);
        return answer.json();
    }

    private JsonNode turn(int prompt, int completion) {
        return turn(stream("an ", "answer ", "here").chunkDelayMillis(5).usage(prompt, completion), "question");
    }

    private void newConversation() {
        assertThat(api.delete("/api/apps/" + appId + "/conversations", session.accessToken()).status()).isEqualTo(204);
    }

    private JsonNode statistics(String query) {
        Reply reply = api.get("/api/apps/" + appId + "/statistics" + query, session.accessToken());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return exact(reply.body());
    }

    private static JsonNode exact(String body) {
        try {
            return EXACT.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BigDecimal price(int prompt, int completion) {
        return INPUT_PRICE.multiply(BigDecimal.valueOf(prompt)).add(OUTPUT_PRICE.multiply(BigDecimal.valueOf(completion)))
                .divide(BigDecimal.valueOf(1_000_000), 8, RoundingMode.HALF_UP);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** The saved messages of the current debug conversation (newest first). */
    private JsonNode history() {
        return exact(api.get("/api/apps/" + appId + "/conversations/messages?page_size=100", session.accessToken()).body())
                .path("items");
    }

    @Test
    void totalsAndTodaysBucketMatchTheTurnsTaken() {
        turn(1200, 300);
        turn(2000, 500);
        long firstConversationLatency = 0;
        long firstConversationTokens = 0;
        for (JsonNode m : history()) {
            firstConversationLatency += Math.round(m.at("/usage/latency").decimalValue().doubleValue() * 1000);
            firstConversationTokens += m.at("/usage/completion_tokens").asLong();
        }
        newConversation();
        turn(800, 100);
        long latency = firstConversationLatency + Math.round(history().get(0).at("/usage/latency").decimalValue().doubleValue() * 1000);
        long tokens = firstConversationTokens + 100;

        LocalDate start = today().minusDays(9);
        JsonNode stats = statistics("?start=" + start + "&end=" + today());

        assertThat(stats.path("start").asText()).isEqualTo(start.toString());
        assertThat(stats.path("end").asText()).isEqualTo(today().toString());
        JsonNode totals = stats.path("totals");
        assertThat(totals.path("messages").asLong()).isEqualTo(3);
        assertThat(totals.path("conversations").asLong()).isEqualTo(2);
        assertThat(totals.path("active_end_users").asLong()).isEqualTo(1);
        assertThat(totals.path("average_messages_per_conversation").decimalValue()).isEqualByComparingTo("1.5");
        BigDecimal expectedCost = price(1200, 300).add(price(2000, 500)).add(price(800, 100));
        assertThat(totals.path("total_cost").decimalValue()).isEqualByComparingTo(expectedCost);
        assertThat(totals.path("currency").asText()).isEqualTo("USD");
        assertThat(totals.path("token_output_rate").decimalValue()).isPositive()
                .isEqualByComparingTo(BigDecimal.valueOf(tokens * 1000).divide(BigDecimal.valueOf(latency), 2, RoundingMode.HALF_UP));
        assertThat(totals.path("average_latency_ms").decimalValue())
                .isEqualByComparingTo(BigDecimal.valueOf(latency).divide(BigDecimal.valueOf(3), 2, RoundingMode.HALF_UP));

        JsonNode daily = stats.path("daily");
        assertThat(daily).hasSize(10);
        assertThat(daily.get(0).path("date").asText()).isEqualTo(start.toString());
        for (int i = 0; i < 9; i++) {
            JsonNode empty = daily.get(i);
            assertThat(empty.path("date").asText()).isEqualTo(start.plusDays(i).toString());
            assertThat(empty.path("messages").asLong()).isZero();
            assertThat(empty.path("conversations").asLong()).isZero();
            assertThat(empty.path("active_end_users").asLong()).isZero();
            assertThat(empty.path("total_cost").decimalValue()).isZero();
            assertThat(empty.path("token_output_rate").decimalValue()).isZero();
            assertThat(empty.path("average_latency_ms").decimalValue()).isZero();
            assertThat(empty.path("average_messages_per_conversation").decimalValue()).isZero();
        }
        JsonNode todays = daily.get(9);
        assertThat(todays.path("date").asText()).isEqualTo(today().toString());
        assertThat(todays.path("messages").asLong()).isEqualTo(3);
        assertThat(todays.path("conversations").asLong()).isEqualTo(2);
        assertThat(todays.path("active_end_users").asLong()).isEqualTo(1);
        assertThat(todays.path("total_cost").decimalValue()).isEqualByComparingTo(expectedCost);
        assertThat(todays.path("token_output_rate").decimalValue()).isEqualByComparingTo(totals.path("token_output_rate").decimalValue());
    }

    @Test
    void defaultRangeIsTheLastSevenDaysEndingToday() {
        turn(10, 5);

        JsonNode stats = statistics("");

        assertThat(stats.path("start").asText()).isEqualTo(today().minusDays(6).toString());
        assertThat(stats.path("end").asText()).isEqualTo(today().toString());
        assertThat(stats.path("daily")).hasSize(7);
        assertThat(stats.path("daily").get(6).path("messages").asLong()).isEqualTo(1);
        assertThat(stats.at("/totals/messages").asLong()).isEqualTo(1);
    }

    @Test
    void rangeWithoutMessagesIsAllZeros() {
        turn(10, 5);

        JsonNode stats = statistics("?start=2025-02-27&end=2025-03-02");

        assertThat(stats.path("daily")).extracting(d -> d.path("date").asText())
                .containsExactly("2025-02-27", "2025-02-28", "2025-03-01", "2025-03-02");
        assertThat(stats.at("/totals/messages").asLong()).isZero();
        assertThat(stats.at("/totals/conversations").asLong()).isZero();
        assertThat(stats.at("/totals/total_cost").decimalValue()).isZero();
        assertThat(stats.at("/totals/currency").asText()).isEqualTo("USD");
    }

    @Test
    void failedTurnCountsAsAMessageButNotForTheTokenRate() {
        turn(1000, 200);
        JsonNode ok = history().get(0);
        long okLatency = Math.round(ok.at("/usage/latency").decimalValue().doubleValue() * 1000);
        turn(error(400, "context too long"), "a question that fails");
        JsonNode failed = history().get(0);
        assertThat(failed.path("status").asText()).isEqualTo("error");

        JsonNode totals = statistics("").path("totals");

        assertThat(totals.path("messages").asLong()).isEqualTo(2);
        assertThat(totals.path("conversations").asLong()).isEqualTo(1);
        assertThat(totals.path("average_messages_per_conversation").decimalValue()).isEqualByComparingTo("2");
        assertThat(totals.path("token_output_rate").decimalValue())
                .isEqualByComparingTo(BigDecimal.valueOf(200_000).divide(BigDecimal.valueOf(okLatency), 2, RoundingMode.HALF_UP));
        assertThat(totals.path("total_cost").decimalValue())
                .isEqualByComparingTo(ok.at("/usage/total_price").decimalValue().add(failed.at("/usage/total_price").decimalValue()));
    }

    @Test
    void deletedMessagesAndConversationsAreLeftOut() {
        String kept = turn(1000, 100).path("message_id").asText();
        String deleted = turn(3000, 300).path("message_id").asText();
        assertThat(api.delete("/api/messages/" + deleted, session.accessToken()).status()).isEqualTo(204);
        newConversation();
        String conversation = turn(5000, 500).path("conversation_id").asText();
        assertThat(api.delete("/api/conversations/" + conversation, session.accessToken()).status()).isEqualTo(204);

        JsonNode totals = statistics("").path("totals");

        assertThat(kept).isNotBlank();
        assertThat(totals.path("messages").asLong()).isEqualTo(1);
        assertThat(totals.path("conversations").asLong()).isEqualTo(1);
        assertThat(totals.path("total_cost").decimalValue()).isEqualByComparingTo(price(1000, 100));
    }

    @Test
    void badDatesAndRangesAreFieldErrors() {
        assertFieldErrors("?start=yesterday&end=2025-02-30", "start", "end");
        assertFieldErrors("?start=2025-03-02&end=2025-03-01", "start");
        assertFieldErrors("?start=2024-01-01&end=2025-01-01", "end");
        assertThat(api.get("/api/apps/" + appId + "/statistics?start=2024-01-01&end=2024-12-31", session.accessToken())
                .status()).as("366 days are allowed").isEqualTo(200);
    }

    private void assertFieldErrors(String query, String... fields) {
        Reply reply = api.get("/api/apps/" + appId + "/statistics" + query, session.accessToken());
        assertThat(reply.status()).as(query).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("validation_failed");
        assertThat(reply.json().path("errors").findValuesAsText("field")).as(query).containsExactly(fields);
    }

    @Test
    void anotherWorkspaceSeesNeitherTheAppNorItsNumbers() {
        turn(10, 5);
        Session stranger = api.register();

        Reply foreign = api.get("/api/apps/" + appId + "/statistics", stranger.accessToken());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("not_found");
        assertThat(api.get("/api/apps/00000000-0000-0000-0000-000000000000/statistics", session.accessToken()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/apps/" + appId + "/statistics", null).status()).isEqualTo(401);

        String strangersApp = api.post("/api/apps", stranger.accessToken(), object("name", "Other")).json().path("id").asText();
        JsonNode theirs = exact(api.get("/api/apps/" + strangersApp + "/statistics", stranger.accessToken()).body());
        assertThat(theirs.at("/totals/messages").asLong()).isZero();
    }
}
