package io.llmops.platform.error;

import io.llmops.platform.web.RequestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "400|Bad Request", "401|Unauthorized", "404|Not Found", "409|Conflict",
            "413|Content Too Large", "422|Unprocessable Content", "429|Too Many Requests",
            "500|Internal Server Error", "502|Bad Gateway", "503|Service Unavailable",
            "418|Client Error", "599|Server Error"})
    void titleIsTheReasonPhraseOrAGenericOne(int status, String title) {
        assertThat(Problems.title(status)).isEqualTo(title);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "400, bad_request", "401, unauthorized", "403, forbidden", "404, not_found",
            "405, method_not_allowed", "413, payload_too_large", "415, unsupported_media_type",
            "429, rate_limited", "500, internal_error", "503, unavailable",
            "418, bad_request", "504, internal_error"})
    void codeForStatusIsStableSnakeCase(int status, String code) {
        assertThat(Problems.codeFor(status)).isEqualTo(code);
    }

    @Test
    void problemHasRfc9457ShapeWithStableCode() {
        Problem problem = Problems.of(409, "email_taken", "That email is already registered", List.of(), null);

        assertThat(problem.type()).isEqualTo("about:blank");
        assertThat(problem.title()).isEqualTo("Conflict");
        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.code()).isEqualTo("email_taken");
        assertThat(problem.detail()).isEqualTo("That email is already registered");
        assertThat(problem.errorId()).isNull();
    }

    @Test
    void emptyOrMissingFieldErrorsAreLeftOut() {
        assertThat(Problems.of(400, "bad_request", "x", List.of(), null).errors()).isNull();
        assertThat(Problems.of(400, "bad_request", "x", null, null).errors()).isNull();
    }

    @Test
    void fieldErrorsAndErrorIdAreKept() {
        var errors = List.of(new FieldError("email", "must be a well-formed email address"));

        Problem problem = Problems.of(400, "validation_failed", "The request has invalid fields", errors, "err-1");

        assertThat(problem.errors()).containsExactlyElementsOf(errors);
        assertThat(problem.errorId()).isEqualTo("err-1");
    }

    @Test
    void outsideARequestThereIsNoRequestIdOrInstance() {
        assertThat(RequestContext.requestId()).isNull();
        assertThat(RequestContext.path()).isNull();

        Problem problem = Problems.of(500, "internal_error", "x", List.of(), "err-1");

        assertThat(problem.requestId()).isNull();
        assertThat(problem.instance()).isNull();
    }

    @Test
    void problemMediaTypeIsProblemJson() {
        assertThat(Problem.MEDIA_TYPE).isEqualTo("application/problem+json");
    }
}
