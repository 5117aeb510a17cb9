package org.tipis.platform.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdTest {

    @Test
    void keepsAWellFormedClientId() {
        assertThat(RequestId.acceptOrCreate("upload-2026-11-24.001")).isEqualTo("upload-2026-11-24.001");
    }

    @Test
    void replacesIdsThatCouldInjectIntoLogs() {
        for (String bad : new String[] {null, "", "short", "with space here", "new\nline-injected", "x".repeat(65),
                "quote\"inside-id"}) {
            assertThat(RequestId.acceptOrCreate(bad)).as(String.valueOf(bad))
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        }
    }
}
