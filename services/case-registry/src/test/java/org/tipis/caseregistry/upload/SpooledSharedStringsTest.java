package org.tipis.caseregistry.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import javax.xml.stream.XMLStreamException;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpooledSharedStringsTest {

    @TempDir
    Path dir;

    private static InputStream xml(String body) {
        return new ByteArrayInputStream(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + body + "</sst>")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void entriesAreTheirTextRunsWithoutPhoneticHints() throws Exception {
        try (SpooledSharedStrings strings = SpooledSharedStrings.spool(xml(
                "<si><t>female</t></si>"
                        + "<si><r><rPr><b/></rPr><t>CASE-</t></r><r><t xml:space=\"preserve\">0001 </t></r></si>"
                        + "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr fontId=\"1\"/></si>"
                        + "<si/>"
                        + "<si><t>=cmd|' /C calc'!A0 &amp; &lt;b&gt; \"Señora\" ção 🙂</t></si>"), dir)) {
            assertThat(strings.count()).isEqualTo(5);
            assertThat(strings.get(0)).isEqualTo("female");
            assertThat(strings.get(1)).isEqualTo("CASE-0001 ");
            assertThat(strings.get(2)).isEqualTo("東京");
            assertThat(strings.get(3)).isEmpty();
            assertThat(strings.get(4)).isEqualTo("=cmd|' /C calc'!A0 & <b> \"Señora\" ção 🙂");
            // a second read comes from the cache, the same text
            assertThat(strings.get(4)).isEqualTo("=cmd|' /C calc'!A0 & <b> \"Señora\" ção 🙂");
            assertThatThrownBy(() -> strings.get(5)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> strings.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(files()).hasSize(2);
        }
        assertThat(files()).isEmpty();
    }

    @Test
    void aWorkbookWithoutStringsGivesAnEmptyTable() throws Exception {
        try (SpooledSharedStrings strings = SpooledSharedStrings.empty(dir)) {
            assertThat(strings.count()).isZero();
            assertThatThrownBy(() -> strings.get(0)).isInstanceOf(IndexOutOfBoundsException.class);
        }
        try (SpooledSharedStrings strings = SpooledSharedStrings.spool(xml(""), dir)) {
            assertThat(strings.count()).isZero();
        }
        assertThat(files()).isEmpty();
    }

    @Test
    void aMalformedPartThrowsAndLeavesNoFile() throws Exception {
        assertThatThrownBy(() -> SpooledSharedStrings.spool(new ByteArrayInputStream(
                "<sst><si><t>unterminated".getBytes(StandardCharsets.UTF_8)), dir))
                .isInstanceOf(XMLStreamException.class);
        assertThatThrownBy(() -> SpooledSharedStrings.spool(new ByteArrayInputStream(
                "<!DOCTYPE sst [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><sst><si><t>&x;</t></si></sst>"
                        .getBytes(StandardCharsets.UTF_8)), dir))
                .isInstanceOf(XMLStreamException.class);
        assertThat(files()).isEmpty();
    }

    /** Independent check: every entry of a POI-written workbook equals POI's own reading of it. */
    @Test
    void agreesWithPoiOnAWorkbookOfManyStrings() throws Exception {
        Random random = new Random(42);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            XSSFSheet sheet = workbook.createSheet("data");
            for (int r = 0; r < 20_000; r++) {
                var row = sheet.createRow(r);
                row.createCell(0).setCellValue("VIC-" + r + "-" + Long.toHexString(random.nextLong()));
                row.createCell(1).setCellValue(r % 2 == 0 ? "female" : "mujer \u00e9\u4e2d\ud83d\ude42");
                if (r % 97 == 0) {
                    XSSFRichTextString rich = new XSSFRichTextString("rich " + r + " text");
                    rich.applyFont(0, 4, workbook.createFont());
                    row.createCell(2).setCellValue(rich);
                }
            }
            workbook.write(out);
        }
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(out.toByteArray()))) {
            ReadOnlySharedStringsTable poi = new ReadOnlySharedStringsTable(pkg, false);
            try (InputStream part = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType())
                    .getFirst().getInputStream();
                 SpooledSharedStrings spooled = SpooledSharedStrings.spool(part, dir)) {
                assertThat(spooled.count()).isEqualTo(poi.getUniqueCount()).isGreaterThan(20_000);
                for (int i = 0; i < poi.getUniqueCount(); i++) {
                    assertThat(spooled.get(i)).as("entry %d", i).isEqualTo(poi.getItemAt(i).getString());
                }
                // read again backwards: past the cache, straight from the spooled files
                for (int i = poi.getUniqueCount() - 1; i >= 0; i -= 7) {
                    assertThat(spooled.get(i)).as("entry %d", i).isEqualTo(poi.getItemAt(i).getString());
                }
            }
        }
        assertThat(files()).isEmpty();
    }

    private java.util.List<Path> files() throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
