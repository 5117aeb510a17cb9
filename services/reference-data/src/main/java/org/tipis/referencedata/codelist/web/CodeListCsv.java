package org.tipis.referencedata.codelist.web;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tipis.referencedata.codelist.CodeListVersion;

/** A code list version as CSV (RFC 4180), one row per code; cells that a spreadsheet would run are defused. */
final class CodeListCsv {

    static final String[] HEADER = {"code", "parent", "label_en", "label_es", "label_fr", "label_pt", "description",
            "flags", "valid_from", "valid_to", "mappings"};

    private CodeListCsv() {
    }

    static String of(CodeListVersion version) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CSVFormat.RFC4180.builder().setHeader(HEADER).get().print(out)) {
            for (CodeListVersion.Code code : version.codes()) {
                List<String> mappings = new ArrayList<>();
                code.mappings().forEach((scheme, targets) -> targets.forEach(t -> mappings.add(scheme + ":" + t)));
                printer.printRecord(safe(code.code()), safe(code.parent()), safe(code.labels().en()),
                        safe(code.labels().es()), safe(code.labels().fr()), safe(code.labels().pt()),
                        safe(code.description()), String.join("|", code.flags()), code.validFrom(), code.validTo(),
                        safe(String.join("|", mappings.stream().sorted().toList())));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** OWASP CSV injection: a leading =, +, -, @, tab or CR makes a spreadsheet evaluate the cell. */
    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }
}
