package org.tipis.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ETagsTest {

    @Test
    void readsStrongAndWeakEtagsAndAbsence() {
        assertThat(ETags.version("\"7\"")).isEqualTo(7L);
        assertThat(ETags.version("W/\"7\"")).isEqualTo(7L);
        assertThat(ETags.version(null)).isNull();
        assertThat(ETags.of(7)).isEqualTo("\"7\"");
    }

    @Test
    void aMalformedIfMatchIsAPreconditionProblemNotAServerError() {
        assertThatThrownBy(() -> ETags.version("\"abc\"")).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).type()).isEqualTo(ProblemType.PRECONDITION_FAILED));
    }
}
