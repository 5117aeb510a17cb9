package org.tipis.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemTypeTest {

    @Test
    void everyStatusMapsToAStableTypeWhoseCodeIsItsSlug() {
        assertThat(ProblemType.forStatus(404).type().toString()).isEqualTo("/problems/not-found");
        assertThat(ProblemType.forStatus(404).code()).isEqualTo("not-found");
        assertThat(ProblemType.forStatus(502)).isEqualTo(ProblemType.BAD_GATEWAY);
        assertThat(ProblemType.forStatus(507)).isEqualTo(ProblemType.INTERNAL_ERROR);
        assertThat(ProblemType.forStatus(418).type().toString()).isEqualTo("/problems/http-418");
    }

    @Test
    void problemsCarryCodeAndNoQueryString() {
        var problem = Problems.of(ProblemType.VALIDATION_FAILED, "bad", "/api/v1/cases?name=Maria");

        assertThat(problem.getInstance().toString()).isEqualTo("/api/v1/cases");
        assertThat(problem.getProperties()).containsEntry("code", "validation-failed");
        assertThat(problem.getTitle()).isEqualTo("Validation failed");
    }
}
