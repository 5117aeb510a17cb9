package org.tipis.caseregistry.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UploadInstanceTest {

    @Test
    void derivesAStableNameFromTheHostAndPort() {
        assertThat(UploadInstance.name(null, "registry-1.example.org", 8081)).isEqualTo("registry-1.example.org:8081");
        assertThat(UploadInstance.name(" ", "registry-1", 8081)).isEqualTo(UploadInstance.name("", "registry-1", 8081));
    }

    @Test
    void aRandomPortGivesANameOfOneRunOnly() {
        assertThat(UploadInstance.name(null, "registry-1", 0)).startsWith("registry-1:0-")
                .isNotEqualTo(UploadInstance.name(null, "registry-1", 0));
    }

    @Test
    void takesTheConfiguredNameUpToTheOwnerColumnsLength() {
        assertThat(UploadInstance.name(" registry-a ", "host", 8081)).isEqualTo("registry-a");
        assertThatThrownBy(() -> UploadInstance.name("x".repeat(129), "host", 8081))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(UploadInstance.name(null, "h".repeat(200), 8081)).hasSize(128).endsWith(":8081");
    }

    @Test
    void theDirectoryNameStaysInsideTheSpool() {
        assertThat(UploadInstance.directory("registry-1.example.org:8081")).isEqualTo("registry-1.example.org_8081");
        assertThat(UploadInstance.directory("../etc")).isEqualTo("_.._etc");
        assertThat(UploadInstance.directory("..")).isEqualTo("_..");
        assertThat(UploadInstance.directory("a/b\\c d")).isEqualTo("a_b_c_d");
    }
}
