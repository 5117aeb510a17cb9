package org.tipis.caseregistry.upload.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tipis.platform.problem.ProblemException;

class UploadReportFormatTest {

    @Test
    void theFormatParameterDecidesWhenGiven() {
        assertThat(UploadController.reportAsCsv("csv", "application/json")).isTrue();
        assertThat(UploadController.reportAsCsv(" CSV ", null)).isTrue();
        assertThat(UploadController.reportAsCsv("json", "text/csv")).isFalse();
    }

    @Test
    void withoutFormatTheAcceptHeaderChoosesCsvOnlyWhenItPrefersIt() {
        assertThat(UploadController.reportAsCsv(null, "text/csv")).isTrue();
        assertThat(UploadController.reportAsCsv(null, "application/json;q=0.5, text/csv")).isTrue();
        assertThat(UploadController.reportAsCsv(null, "text/csv;q=0.4, application/json")).isFalse();
        assertThat(UploadController.reportAsCsv(null, "text/csv, application/json")).isFalse();
        assertThat(UploadController.reportAsCsv(null, "*/*")).isFalse();
        assertThat(UploadController.reportAsCsv(null, "text/*")).isFalse();
        assertThat(UploadController.reportAsCsv(null, null)).isFalse();
        assertThat(UploadController.reportAsCsv(null, "")).isFalse();
    }

    @Test
    void anotherFormatIsAProblemPointingAtTheParameter() {
        assertThatThrownBy(() -> UploadController.reportAsCsv("xml", null))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.errors())
                        .singleElement().satisfies(e -> {
                            assertThat(e.pointer()).isEqualTo("/query/format");
                            assertThat(e.code()).isEqualTo("ReportFormatUnknown");
                        }));
    }
}
