package org.tipis.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class CopyTextTest {

    @Test
    void writesValuesAsPostgresqlTextFormatReadsThem() {
        StringBuilder out = new StringBuilder();
        UUID id = UUID.fromString("0b7c2f8e-3d7a-4a43-9a43-6f3f4b1c2d9e");
        CopyText.row(out, id, null, true, false, 42, LocalDate.of(2024, 2, 29), "a\tb\nc\\d\re", List.of("X", "Y\"Z"),
                List.of());
        assertThat(out).hasToString("0b7c2f8e-3d7a-4a43-9a43-6f3f4b1c2d9e\t\\N\tt\tf\t42\t2024-02-29\t"
                + "a\\tb\\nc\\\\d\\re\t{\"X\",\"Y\\\\\"Z\"}\t{}\n");
    }

    @Test
    void theEscapingWriterEscapesWhatItIsGivenLikeAValue() throws Exception {
        StringBuilder direct = new StringBuilder();
        CopyText.row(direct, "x", "{\"k\":\"a\\\\b\tc\"}");
        StringBuilder written = new StringBuilder();
        CopyText.row(written, "x");
        written.setLength(written.length() - 1);
        written.append('\t');
        Writer writer = CopyText.escaping(written);
        char[] chunk = "{\"k\":\"a\\\\b\tc\"}".toCharArray();
        writer.write(chunk, 0, 7);
        writer.write(chunk, 7, chunk.length - 7);
        written.append('\n');
        assertThat(written).hasToString(direct.toString());
        StringBuilder fromStrings = new StringBuilder();
        Writer strings = CopyText.escaping(fromStrings);
        strings.write("ab\\c\n", 1, 3);
        assertThat(fromStrings).hasToString("b\\\\c");
    }
}
