package io.llmops.model.control;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import io.llmops.platform.error.ApiException;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** One classification for every provider's failures, and the provider's own words kept. */
class ModelErrorsTest {

    @Test
    void providerMessagesAreReadFromEachProvidersErrorDocument() {
        assertThat(ModelErrors.classify(new HttpException(401,
                "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}")).message())
                .isEqualTo("Incorrect API key provided");
        assertThat(ModelErrors.classify(new HttpException(401,
                "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}")).message())
                .isEqualTo("invalid x-api-key");
        assertThat(ModelErrors.classify(new HttpException(400,
                "{\"error\":{\"code\":400,\"message\":\"API key not valid\",\"status\":\"INVALID_ARGUMENT\"}}")).message())
                .isEqualTo("API key not valid");
        assertThat(ModelErrors.classify(new HttpException(404, "{\"error\":\"model 'llama9' not found\"}")).message())
                .isEqualTo("model 'llama9' not found");
        assertThat(ModelErrors.classify(new HttpException(502, "<html>Bad Gateway</html>")).message())
                .isEqualTo("<html>Bad Gateway</html>");
    }

    @Test
    void statusesAndNetworkFailuresAreClassifiedOnce() {
        assertThat(ModelErrors.classify(new AuthenticationException(new HttpException(403, "no"))).kind())
                .isEqualTo(ModelErrors.Kind.AUTHENTICATION);
        assertThat(ModelErrors.classify(new RateLimitException(new HttpException(429, "slow"))).kind())
                .isEqualTo(ModelErrors.Kind.RATE_LIMITED);
        assertThat(ModelErrors.classify(new HttpException(529, "overloaded")).kind()).isEqualTo(ModelErrors.Kind.UNAVAILABLE);
        assertThat(ModelErrors.classify(new HttpException(500, "boom")).kind()).isEqualTo(ModelErrors.Kind.SERVER_ERROR);
        assertThat(ModelErrors.classify(new HttpException(422, "bad")).kind()).isEqualTo(ModelErrors.Kind.REJECTED);
        assertThat(ModelErrors.classify(new RuntimeException(new HttpTimeoutException("request timed out"))).kind())
                .isEqualTo(ModelErrors.Kind.TIMEOUT);
        assertThat(ModelErrors.classify(new UncheckedIOException(new ConnectException("refused"))).kind())
                .isEqualTo(ModelErrors.Kind.UNREACHABLE);
        assertThat(ModelErrors.classify(new UnresolvedModelServerException(new RuntimeException("x"))).kind())
                .isEqualTo(ModelErrors.Kind.UNKNOWN_HOST);
    }

    @Test
    void onlyTransientFailuresAreRetriable() {
        assertThat(ModelErrors.Kind.values()).filteredOn(k -> new ModelErrors.Failure(k, 0, "").retriable())
                .containsExactlyInAnyOrder(ModelErrors.Kind.RATE_LIMITED, ModelErrors.Kind.UNAVAILABLE,
                        ModelErrors.Kind.SERVER_ERROR, ModelErrors.Kind.TIMEOUT, ModelErrors.Kind.UNREACHABLE);
    }

    @Test
    void apiStatusIs503ForBusyProvidersAnd502Otherwise() {
        assertThat(ModelErrors.toApiException(new HttpException(429, "slow")).status()).isEqualTo(503);
        assertThat(ModelErrors.toApiException(new HttpException(503, "down")).status()).isEqualTo(503);
        assertThat(ModelErrors.toApiException(new HttpException(500, "boom")).status()).isEqualTo(502);
        ApiException refused = ModelErrors.toApiException(new HttpException(401, "{\"error\":{\"message\":\"bad key\"}}"));
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.code()).isEqualTo("model_error");
        assertThat(refused.getMessage()).isEqualTo("the model provider answered 401: bad key");
    }

    @Test
    void credentialChecksBlameTheCredentialsOnlyWhenTheProviderRefusedThem() {
        assertThat(ModelErrors.toValidationException(new HttpException(401, "bad key")).code())
                .isEqualTo("model_credentials_invalid");
        assertThat(ModelErrors.toValidationException(new HttpException(404, "no such path")).code())
                .isEqualTo("model_credentials_invalid");
        assertThat(ModelErrors.toValidationException(new HttpException(503, "down")).code()).isEqualTo("model_error");
    }

    @Test
    void longMessagesAreCut() {
        String message = ModelErrors.classify(new HttpException(500, "x".repeat(2000))).message();

        assertThat(message).hasSize(ModelErrors.MAX_MESSAGE + 1).endsWith("…");
    }
}
