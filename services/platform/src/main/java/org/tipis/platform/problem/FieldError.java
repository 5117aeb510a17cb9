package org.tipis.platform.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One offending field or row in a problem's {@code errors[]}.
 *
 * @param pointer a JSON pointer (RFC 6901) into the request body, {@code /query/<name>} for a query parameter,
 *                or {@code /rows/<n>/<column>} for a row of an uploaded file
 * @param code    a stable rule code, e.g. {@code NotBlank} or {@code IdentificationDateNotInFuture}
 * @param message a message for people, in English here and translated by code ({@code problem.<code>} in the
 *                service's {@code i18n/problems_<lang>.properties}) into the caller's language; never contains
 *                personal data
 * @param args    values a translated message inserts ({0}, {1}, …); not serialized
 */
public record FieldError(String pointer, String code, String message, @JsonIgnore List<String> args) {

    public FieldError {
        args = args == null ? List.of() : List.copyOf(args);
    }

    public FieldError(String pointer, String code, String message) {
        this(pointer, code, message, List.of());
    }

    public static FieldError withArgs(String pointer, String code, String message, Object... args) {
        return new FieldError(pointer, code, message, java.util.Arrays.stream(args).map(String::valueOf).toList());
    }
}
