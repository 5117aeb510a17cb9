package org.tipis.platform.problem;

import java.net.URI;
import java.util.List;

import org.slf4j.MDC;
import org.springframework.http.ProblemDetail;
import org.tipis.platform.requestid.RequestId;

/** Builds problems in the one shape every TIPIS component answers with. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(ProblemType type, String detail, String instance) {
        return of(type, type.status().value(), detail, instance, List.of());
    }

    public static ProblemDetail of(ProblemType type, int status, String detail, String instance,
                                   List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(type.type());
        problem.setTitle(type.title());
        if (detail != null && !detail.isBlank()) {
            problem.setDetail(detail);
        }
        if (instance != null) {
            problem.setInstance(URI.create(safePath(instance)));
        }
        problem.setProperty("code", type.code());
        String traceId = MDC.get(RequestId.MDC_KEY);
        if (traceId != null) {
            problem.setProperty("traceId", traceId);
        }
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** Keeps only the path: query strings may carry search terms and never belong in a problem. */
    private static String safePath(String requestUri) {
        int query = requestUri.indexOf('?');
        String path = query >= 0 ? requestUri.substring(0, query) : requestUri;
        return path.replaceAll("[^A-Za-z0-9/._~-]", "");
    }
}
