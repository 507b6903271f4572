package io.llmops.platform.error;

import java.util.List;

/**
 * RFC 9457 problem document. {@code code} is the stable machine code clients switch on;
 * {@code error_id} appears only on unexpected failures and is also written to the server log.
 */
public record Problem(String type, String title, int status, String code, String detail,
                      String instance, String requestId, String errorId, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
