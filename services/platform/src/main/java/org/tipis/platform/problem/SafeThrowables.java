package org.tipis.platform.problem;

import java.util.HashSet;
import java.util.Set;

/**
 * Describes an exception for the logs without its messages: messages of database drivers, parsers and
 * libraries can quote the offending input (a victim's name, a SQL literal), so only the exception classes and
 * the frames where they arose are logged.
 */
public final class SafeThrowables {

    private static final int FRAMES = 4;

    private SafeThrowables() {
    }

    public static String describe(Throwable throwable) {
        StringBuilder out = new StringBuilder();
        Set<Throwable> seen = new HashSet<>();
        Throwable current = throwable;
        while (current != null && seen.add(current)) {
            if (!out.isEmpty()) {
                out.append(" <- caused by ");
            }
            out.append(current.getClass().getName());
            StackTraceElement[] frames = current.getStackTrace();
            for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
                out.append(i == 0 ? " at " : " / ").append(frames[i]);
            }
            current = current.getCause();
        }
        return out.toString();
    }
}
