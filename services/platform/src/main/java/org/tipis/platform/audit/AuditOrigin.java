package org.tipis.platform.audit;

import java.util.concurrent.Callable;

/**
 * Where a change comes from, when it is not a plain API call: e.g. {@code upload:<id>} or
 * {@code shipped-data}. Recorded in each Envers revision; {@code api} by default.
 */
public final class AuditOrigin {

    private static final ScopedValue<String> ORIGIN = ScopedValue.newInstance();

    private AuditOrigin() {
    }

    public static String current() {
        return ORIGIN.isBound() ? ORIGIN.get() : "api";
    }

    public static <T> T callAs(String origin, Callable<T> work) throws Exception {
        return ScopedValue.where(ORIGIN, origin).call(work::call);
    }

    public static void runAs(String origin, Runnable work) {
        ScopedValue.where(ORIGIN, origin).run(work);
    }
}
