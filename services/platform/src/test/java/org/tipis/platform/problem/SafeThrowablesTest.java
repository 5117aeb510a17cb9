package org.tipis.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeThrowablesTest {

    @Test
    void describesClassesAndFramesButNeverMessages() {
        Exception cause = new IllegalArgumentException("victim name: Maria Example");
        Exception thrown = new IllegalStateException("insert into identity values ('Maria Example')", cause);

        String description = SafeThrowables.describe(thrown);

        assertThat(description).contains("java.lang.IllegalStateException", "caused by java.lang.IllegalArgumentException",
                "SafeThrowablesTest");
        assertThat(description).doesNotContain("Maria").doesNotContain("insert into");
    }

    @Test
    void survivesCyclicCauses() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);

        assertThat(SafeThrowables.describe(b)).contains("java.lang.Exception");
    }
}
