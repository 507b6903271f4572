package io.llmops.platform.web;

import io.llmops.platform.error.Problem;
import io.llmops.platform.error.Problems;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class RequestContextTest {

    @AfterEach
    void leave() {
        RequestContext.leave();
    }

    @Test
    void insideARequestProblemsCarryItsIdAndPath() {
        RequestContext.enter("req-1", "/api/apps");

        Problem problem = Problems.of(404, "not_found", "App not found", List.of(), null);

        assertThat(problem.requestId()).isEqualTo("req-1");
        assertThat(problem.instance()).isEqualTo("/api/apps");
    }

    @Test
    void leavingClearsTheContext() {
        RequestContext.enter("req-1", "/api/apps");
        RequestContext.leave();

        assertThat(RequestContext.requestId()).isNull();
        assertThat(RequestContext.path()).isNull();
    }

    @Test
    void contextBelongsToTheServingThreadOnly() throws Exception {
        RequestContext.enter("req-1", "/api/apps");

        String seenElsewhere = CompletableFuture.supplyAsync(RequestContext::requestId,
                command -> new Thread(command).start()).get();

        assertThat(seenElsewhere).isNull();
    }
}
