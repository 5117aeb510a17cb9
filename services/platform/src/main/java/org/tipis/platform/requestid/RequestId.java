package org.tipis.platform.requestid;

import java.util.UUID;
import java.util.regex.Pattern;

/** The request id that follows a request through the gateway, the services, logs, problems and audit. */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Only ids of this shape are taken from clients: anything else could inject text into logs. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private RequestId() {
    }

    public static String acceptOrCreate(String candidate) {
        if (candidate != null && ACCEPTED.matcher(candidate).matches()) {
            return candidate;
        }
        return UUID.randomUUID().toString();
    }
}
