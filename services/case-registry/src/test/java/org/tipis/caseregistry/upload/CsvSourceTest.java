package org.tipis.caseregistry.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.assertj.core.groups.Tuple;
import org.tipis.platform.problem.FieldError;

/** CSV files that would make the parser hold too much or leave the spooled file open. */
class CsvSourceTest {

    static final String HEADER = "case_ref,victim_ref,identification_date,victim_status,sex\n";

    @TempDir
    Path dir;

    @Test
    void aHeaderWithAQuoteThatNeverClosesIsAFileErrorAndTheFileIsClosed() throws IOException {
        Path file = dir.resolve("header-quote.csv");
        Files.writeString(file, "case_ref,\"victim_ref,identification_date\nC,V,2024-01-01\n");

        try (CsvSource source = new CsvSource(file, null, LocalDate.now())) {
            assertThat(source.fileErrors()).extracting(FieldError::code).containsExactly("CsvMalformed");
            assertThat(source.hasNext()).isFalse();
            assertThat(descriptorsOf(file)).as("nothing left open by the failed header").isZero();
        }
    }

    @Test
    void aHeaderWithATrailingSeparatorNamesTheColumnWithoutAName() throws IOException {
        Path file = dir.resolve("trailing.csv");
        Files.writeString(file, HEADER.replace("\n", ",\n") + "C,V,2024-01-01,IDENTIFIED,F,\n");

        try (CsvSource source = new CsvSource(file, null, LocalDate.now())) {
            assertThat(source.fileErrors()).extracting(FieldError::pointer, FieldError::code)
                    .containsExactly(Tuple.tuple("/header/6", "ColumnNameMissing"));
            assertThat(source.hasNext()).isFalse();
        }
        assertThat(descriptorsOf(file)).isZero();
    }

    /** How many of this process's file descriptors are open on {@code file} (Linux /proc). */
    private static long descriptorsOf(Path file) throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs /proc");
        Path real = file.toRealPath();
        try (Stream<Path> open = Files.list(fds)) {
            return open.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(real);
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            }).count();
        }
    }
}
