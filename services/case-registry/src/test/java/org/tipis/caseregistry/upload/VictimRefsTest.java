package org.tipis.caseregistry.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VictimRefsTest {

    @Test
    void findsEveryRepeatedReferenceAmongAMillion() {
        VictimRefs refs = new VictimRefs();
        for (int i = 0; i < 1_000_000; i++) {
            assertThat(refs.add("PFA-V-" + i)).isTrue();
        }
        assertThat(refs.add("PFA-V-0")).isFalse();
        assertThat(refs.add("PFA-V-999999")).isFalse();
        assertThat(refs.add("PFA-V-1000000")).isTrue();
        assertThat(refs.add("")).isTrue();
        assertThat(refs.add("")).isFalse();
    }
}
