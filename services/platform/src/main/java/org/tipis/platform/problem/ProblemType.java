package org.tipis.platform.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * A kind of problem: a stable {@code type} URI, a fixed title and the usual status. Every type is listed in
 * {@code docs/api/problems.md}; services add their own with {@link #of(String, String, HttpStatus)}.
 */
public record ProblemType(URI type, String title, HttpStatus status) {

    public static final String PREFIX = "/problems/";

    public static final ProblemType BAD_REQUEST = of("bad-request", "Bad request", HttpStatus.BAD_REQUEST);
    public static final ProblemType VALIDATION_FAILED =
            of("validation-failed", "Validation failed", HttpStatus.BAD_REQUEST);
    public static final ProblemType UNAUTHORIZED =
            of("unauthorized", "Authentication required", HttpStatus.UNAUTHORIZED);
    public static final ProblemType FORBIDDEN = of("forbidden", "Access denied", HttpStatus.FORBIDDEN);
    public static final ProblemType NOT_FOUND = of("not-found", "Not found", HttpStatus.NOT_FOUND);
    public static final ProblemType METHOD_NOT_ALLOWED =
            of("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED);
    public static final ProblemType NOT_ACCEPTABLE = of("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE);
    public static final ProblemType CONFLICT = of("conflict", "Conflict", HttpStatus.CONFLICT);
    public static final ProblemType PRECONDITION_FAILED =
            of("precondition-failed", "Precondition failed", HttpStatus.PRECONDITION_FAILED);
    public static final ProblemType PRECONDITION_REQUIRED =
            of("precondition-required", "Precondition required", HttpStatus.PRECONDITION_REQUIRED);
    public static final ProblemType PAYLOAD_TOO_LARGE =
            of("payload-too-large", "Payload too large", HttpStatus.CONTENT_TOO_LARGE);
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
            of("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    public static final ProblemType UNPROCESSABLE =
            of("unprocessable", "Unprocessable content", HttpStatus.UNPROCESSABLE_CONTENT);
    /** A file was refused as a whole; {@code errors[]} lists every offending row, nothing was written. */
    public static final ProblemType IMPORT_REJECTED =
            of("import-rejected", "Import rejected", HttpStatus.UNPROCESSABLE_CONTENT);
    public static final ProblemType TOO_MANY_REQUESTS =
            of("too-many-requests", "Too many requests", HttpStatus.TOO_MANY_REQUESTS);
    public static final ProblemType INTERNAL_ERROR =
            of("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR);
    public static final ProblemType BAD_GATEWAY =
            of("upstream-unavailable", "Upstream service unavailable", HttpStatus.BAD_GATEWAY);
    public static final ProblemType SERVICE_UNAVAILABLE =
            of("service-unavailable", "Service unavailable", HttpStatus.SERVICE_UNAVAILABLE);
    public static final ProblemType GATEWAY_TIMEOUT =
            of("upstream-timeout", "Upstream service timed out", HttpStatus.GATEWAY_TIMEOUT);

    public static ProblemType of(String slug, String title, HttpStatus status) {
        return new ProblemType(URI.create(PREFIX + slug), title, status);
    }

    /** The slug, also used as the problem's {@code code} extension. */
    public String code() {
        return type.getPath().substring(PREFIX.length());
    }

    /** The generic type for a status that has no more specific type. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 412 -> PRECONDITION_FAILED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> UNPROCESSABLE;
            case 428 -> PRECONDITION_REQUIRED;
            case 429 -> TOO_MANY_REQUESTS;
            case 502 -> BAD_GATEWAY;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> GATEWAY_TIMEOUT;
            default -> status >= 500 ? INTERNAL_ERROR
                    : of("http-" + status, HttpStatus.valueOf(status).getReasonPhrase(), HttpStatus.valueOf(status));
        };
    }
}
