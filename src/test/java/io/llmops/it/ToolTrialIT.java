package io.llmops.it;

import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/tools/test}: try one tool through HTTP as a builder would. */
@ExtendWith(LlmopsServer.class)
class ToolTrialIT {

    private final Api api = new Api();
    private final Session builder = api.register();

    private Reply trial(String json) {
        return api.post("/api/tools/test", builder.accessToken(), json.replace('\'', '"'));
    }

    @Test
    void runsABuiltinToolWithTheGivenParameters() {
        Reply reply = trial("{'type':'builtin','provider':'time','tool':'current_time','params':{'timezone':'Asia/Tokyo'}}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("result").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\w+ \\(Asia/Tokyo\\)");
        assertThat(reply.json().path("elapsed_millis").isNumber()).isTrue();
    }

    @Test
    void aToolFailureIsAToolErrorWithTheToolsMessage() {
        Reply reply = trial("{'type':'builtin','provider':'time','tool':'current_time','params':{'timezone':'Mars/Olympus'}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("tool_error");
        assertThat(reply.json().path("detail").asText()).contains("Mars/Olympus");
    }

    @Test
    void anUnknownToolIsNotFound() {
        Reply reply = trial("{'type':'builtin','provider':'time','tool':'sundial'}");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo("tool_not_found");
    }

    @Test
    void aTrialWithoutTypeIsRefusedWithAFieldError() {
        Reply reply = trial("{'provider':'time','tool':'current_time'}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("type");
    }

    @Test
    void anonymousCallersAreRefused() {
        assertThat(api.post("/api/tools/test", null, "{}").status()).isEqualTo(401);
    }
}
