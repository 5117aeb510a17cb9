package org.tipis.platform.problem;

/**
 * One offending field or row in a problem's {@code errors[]}.
 *
 * @param pointer a JSON pointer (RFC 6901) into the request body, {@code /query/<name>} for a query parameter,
 *                or {@code /rows/<n>/<column>} for a row of an uploaded file
 * @param code    a stable rule code, e.g. {@code NotBlank} or {@code IdentificationDateNotInFuture}
 * @param message a message for people, in the caller's language; never contains the rejected value
 */
public record FieldError(String pointer, String code, String message) {
}
