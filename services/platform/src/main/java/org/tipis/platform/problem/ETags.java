package org.tipis.platform.problem;

/**
 * ETags of records versioned by an optimistic-lock number: {@code "7"}. A malformed {@code If-Match} is a 412
 * problem, never a server error.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The version named by {@code If-Match}, or null when the header is absent. */
    public static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(ifMatch.trim().replaceFirst("^W/", "").replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, "If-Match is not an ETag of this record.");
        }
    }
}
