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
    void aQuoteThatNeverClosesIsUnreadableFromItsRowOnceTheRowIsOverTheBudgetOfOneRow() throws IOException {
        Path file = dir.resolve("quote.csv");
        String largeRef = "v".repeat(CsvUpload.MAX_RECORD_CHARS * 9 / 10);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            for (int i = 0; i < 3; i++) {
                out.write("C-1,\"" + largeRef + "\",2024-01-01,,\n");
            }
            out.write("C-1,\"V-2\n");
            for (int i = 0; i < 40_000; i++) {
                out.write("x".repeat(79) + "\n");
            }
        }
        try (CsvSource source = new CsvSource(file, null, LocalDate.now())) {
            assertThat(source.fileErrors()).isEmpty();
            for (int line = 2; line <= 4; line++) {
                assertThat(source.hasNext()).isTrue();
                UploadRecord record = source.next();
                assertThat(record.line()).as("large rows under the budget are read").isEqualTo(line);
                assertThat(record.rows().getFirst().errors()).extracting(FieldError::code).contains("TooLong");
            }

            UploadSource.Unreadable unreadable = catchThrowableOfType(UploadSource.Unreadable.class,
                    () -> { source.hasNext(); source.next(); });

            assertThat(unreadable.error().pointer()).as("the line the row starts at").isEqualTo("/rows/5");
            assertThat(unreadable.error().code()).isEqualTo("RecordTooLong");
            assertThat(source.bytesRead()).as("stopped near the budget")
                    .isLessThan(5L * CsvUpload.MAX_RECORD_CHARS);
        }
        assertThat(descriptorsOf(file)).isZero();
    }

    @Test
    void aQuoteThatNeverClosesBeforeTheEndOfTheFileIsReportedAtTheRowThatOpenedIt() throws IOException {
        Path file = dir.resolve("quote-to-the-end.csv");
        Files.writeString(file, HEADER + "C-1,V-1,2024-01-01,,\n" + "C-1,V-2,2024-01-01,,\n"
                + "C-1,\"V-3,2024-01-01,,\n" + "C-1,V-4,2024-01-01,,\n" + "C-1,V-5,2024-01-01,,\n");

        try (CsvSource source = new CsvSource(file, null, LocalDate.now())) {
            assertThat(source.fileErrors()).isEmpty();
            assertThat(source.next().line()).isEqualTo(2);
            assertThat(source.next().line()).isEqualTo(3);
            UploadSource.Unreadable unreadable = catchThrowableOfType(UploadSource.Unreadable.class,
                    () -> { source.hasNext(); source.next(); });

            assertThat(unreadable.error().code()).isEqualTo("CsvMalformed");
            assertThat(unreadable.error().pointer()).as("the row whose quote never closes, not the end of the file")
                    .isEqualTo("/rows/4");
        }
    }

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
    void aHeaderOverTheBudgetIsAFileErrorAndTheFileIsClosed() throws IOException {
        Path file = dir.resolve("header-long.csv");
        Files.writeString(file, "case_ref," + "x".repeat(CsvUpload.MAX_RECORD_CHARS + 100_000) + "\nC,V\n");

        try (CsvSource source = new CsvSource(file, null, LocalDate.now())) {
            assertThat(source.fileErrors()).extracting(FieldError::pointer, FieldError::code)
                    .containsExactly(Tuple.tuple("/rows/1", "RecordTooLong"));
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
