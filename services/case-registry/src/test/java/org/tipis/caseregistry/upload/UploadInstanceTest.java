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
        assertThat(UploadInstance.directory("registry-1.example.org:8081")).matches("registry-1\\.example\\.org_8081-[0-9a-f]{8}");
        assertThat(UploadInstance.directory("../etc")).matches("_\\.\\._etc-[0-9a-f]{8}");
        assertThat(UploadInstance.directory("..")).matches("_\\.\\.-[0-9a-f]{8}");
        assertThat(UploadInstance.directory("a/b\\c d")).matches("a_b_c_d-[0-9a-f]{8}");
        assertThat(UploadInstance.directory("registry-a_8081")).as("a safe name is kept").isEqualTo("registry-a_8081");
    }

    @Test
    void twoNamesNeverShareADirectory() {
        assertThat(UploadInstance.directory("a:1")).isNotEqualTo(UploadInstance.directory("a_1"))
                .isNotEqualTo(UploadInstance.directory("a/1"));
        assertThat(UploadInstance.directory("a:1")).isEqualTo(UploadInstance.directory("a:1"));
    }
}
