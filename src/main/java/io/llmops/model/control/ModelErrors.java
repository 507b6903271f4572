package io.llmops.model.control;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.error.ApiExceptions;
import io.llmops.platform.json.JsonbProvider;
import io.llmops.platform.outbound.OutboundBlockedException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Map;

/**
 * The one place where a provider's failure is understood: classified from LangChain4j's exception
 * taxonomy, the HTTP status (also the Azure SDK's) or the network error; told retriable or not;
 * and turned into the API's {@code model_error} (502, or 503 when the provider is rate-limiting or
 * unavailable) or, when credentials are being checked, {@code model_credentials_invalid} (400); an
 * address the SSRF guard refuses is {@code ssrf_blocked} (400), never retried.
 * The provider's own message is kept (from its JSON error document when there is one).
 */
public final class ModelErrors {

    static final int MAX_MESSAGE = 500;

    private ModelErrors() {
    }

    /** What went wrong, in the terms our retry policy and API need. */
    public enum Kind {
        AUTHENTICATION(false), RATE_LIMITED(true), UNAVAILABLE(true), SERVER_ERROR(true), TIMEOUT(true),
        UNREACHABLE(true), UNKNOWN_HOST(false), REJECTED(false), BLOCKED(false);

        private final boolean retriable;

        Kind(boolean retriable) {
            this.retriable = retriable;
        }
    }

    /** A classified failure; {@code status} is the provider's HTTP status, or 0 when it did not answer. */
    public record Failure(Kind kind, int status, String message) {
        public boolean retriable() {
            return kind.retriable;
        }
    }

    public static Failure classify(Throwable error) {
        OutboundBlockedException blocked = ApiExceptions.cause(error, OutboundBlockedException.class);
        if (blocked != null) {
            return new Failure(Kind.BLOCKED, 0, blocked.getMessage());
        }
        int status = httpStatus(error);
        String message = providerMessage(error);
        if (status == 401 || status == 403 || has(error, AuthenticationException.class)) {
            return new Failure(Kind.AUTHENTICATION, status, message);
        }
        if (status == 429 || has(error, RateLimitException.class)) {
            return new Failure(Kind.RATE_LIMITED, status, message);
        }
        if (status == 503 || status == 529) {
            return new Failure(Kind.UNAVAILABLE, status, message);
        }
        if (status >= 500 || has(error, InternalServerException.class)) {
            return new Failure(Kind.SERVER_ERROR, status, message);
        }
        if (status == 408 || has(error, TimeoutException.class) || has(error, HttpTimeoutException.class)
                || has(error, java.util.concurrent.TimeoutException.class) || has(error, java.net.SocketTimeoutException.class)) {
            return new Failure(Kind.TIMEOUT, status, "the provider did not answer in time");
        }
        if (status >= 400) {
            return new Failure(Kind.REJECTED, status, message);
        }
        if (has(error, UnresolvedModelServerException.class) || has(error, UnresolvedAddressException.class)
                || has(error, UnknownHostException.class)) {
            return new Failure(Kind.UNKNOWN_HOST, 0, "the provider's host name cannot be resolved");
        }
        if (has(error, ConnectException.class)) {
            return new Failure(Kind.UNREACHABLE, 0, "the provider cannot be reached: connection refused");
        }
        if (has(error, IOException.class)) {
            return new Failure(Kind.UNREACHABLE, 0, "the connection to the provider failed: " + rootMessage(error));
        }
        return new Failure(Kind.REJECTED, 0, message);
    }

    /** The failure as the API reports a failed model call. */
    public static ApiException toApiException(Throwable error) {
        ApiException already = ApiExceptions.find(error);
        if (already != null) {
            return already;
        }
        Failure failure = classify(error);
        if (failure.kind() == Kind.BLOCKED) {
            return ApiException.badRequest(OutboundBlockedException.CODE, blockedMessage(failure.message()));
        }
        int status = failure.kind() == Kind.RATE_LIMITED || failure.kind() == Kind.UNAVAILABLE ? 503 : 502;
        return new ModelCallFailed(status, describe(failure), failure);
    }

    /**
     * The failure as credential validation reports it: refused keys, rejected requests and unreachable
     * endpoints mean the credentials are wrong (400); a provider that is down or busy stays a model error.
     */
    public static ApiException toValidationException(Throwable error) {
        ApiException api = toApiException(error);
        if (!(api instanceof ModelCallFailed failed)) {
            return api;
        }
        return switch (failed.failure().kind()) {
            case AUTHENTICATION, REJECTED, UNKNOWN_HOST, UNREACHABLE -> ApiException.badRequest(
                    "model_credentials_invalid", "The credentials were not accepted: " + describe(failed.failure()));
            default -> api;
        };
    }

    /** What a caller is told when the SSRF guard refused a provider's address for {@code reason}. */
    static String blockedMessage(String reason) {
        return "The model provider's address is not allowed: " + reason
                + " (an operator can allow it with LLMOPS_SSRF_ALLOWLIST)";
    }

    static String describe(Failure failure) {
        String prefix = failure.status() > 0 ? "the model provider answered " + failure.status() + ": " : "";
        return prefix + failure.message();
    }

    private static int httpStatus(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException http) {
                return http.statusCode();
            }
            if (t instanceof com.azure.core.exception.HttpResponseException azure && azure.getResponse() != null) {
                return azure.getResponse().getStatusCode();
            }
        }
        return 0;
    }

    /** The provider's message: {@code error.message}, {@code error} or {@code message} of a JSON body, else the text. */
    static String providerMessage(Throwable error) {
        String text = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException || t instanceof com.azure.core.exception.HttpResponseException) {
                text = t.getMessage();
                break;
            }
        }
        if (text == null) {
            text = rootMessage(error);
        }
        String fromJson = messageFromJson(text);
        return truncate(fromJson != null ? fromJson : text);
    }

    private static String messageFromJson(String text) {
        if (text == null) {
            return null;
        }
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return null;
        }
        try {
            Object parsed = JsonbProvider.shared().fromJson(text.substring(start, end + 1), Map.class);
            if (parsed instanceof Map<?, ?> map) {
                Object inner = map.get("error");
                if (inner instanceof Map<?, ?> errorMap && errorMap.get("message") instanceof String message) {
                    return message;
                }
                if (inner instanceof String message) {
                    return message;
                }
                if (map.get("message") instanceof String message) {
                    return message;
                }
            }
        } catch (RuntimeException notJson) {
            // a plain-text error body: the caller keeps the text
        }
        return null;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static String truncate(String message) {
        if (message == null || message.isBlank()) {
            return "no message";
        }
        String oneLine = message.strip().replaceAll("\\s+", " ");
        return oneLine.length() > MAX_MESSAGE ? oneLine.substring(0, MAX_MESSAGE) + "…" : oneLine;
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
