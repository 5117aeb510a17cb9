package org.tipis.indicators.export.web;

import java.time.Clock;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tipis.indicators.approval.Snapshot;
import org.tipis.indicators.approval.SnapshotService;
import org.tipis.indicators.export.GlotipWorkbook;
import org.tipis.indicators.export.SdmxExport;
import org.tipis.indicators.report.ReportFiles;
import org.tipis.indicators.indicator.ReferenceData;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.FieldError;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;

import io.swagger.v3.oas.annotations.Operation;

@RestController
class ExportController {

    private final SnapshotService snapshots;
    private final ReferenceData referenceData;
    private final Clock clock;

    ExportController(SnapshotService snapshots, ReferenceData referenceData, Clock clock) {
        this.snapshots = snapshots;
        this.referenceData = referenceData;
        this.clock = clock;
    }

    /** 400 for a country or year that cannot exist, 409 when it has no approved figures. */
    private Snapshot approved(Caller caller, String country, int year) {
        java.util.List<FieldError> errors = new java.util.ArrayList<>();
        if (country == null || !country.matches("[A-Z]{3}") || !referenceData.isCountry(country)) {
            errors.add(new FieldError("/query/country", "CountryUnknown", "An ISO 3166-1 alpha-3 code of the country list."));
        }
        if (year < 2000 || year > java.time.Year.now(clock).getValue()) {
            errors.add(new FieldError("/query/year", "YearOutOfRange", "A year from 2000 to the current year."));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Unknown country or year.", errors);
        }
        return snapshots.latestApproved(caller, country, year);
    }

    @GetMapping(path = "/api/v1/exports/glotip", produces = ReportFiles.XLSX)
    @Operation(summary = "The latest approved snapshot as an XLSX workbook laid out like the UNODC GLOTIP "
            + "questionnaire tables (victims by form, sex, age and citizenship; persons suspected, prosecuted and "
            + "convicted; attrition); 409 when the country-year has no approved figures")
    ResponseEntity<byte[]> glotip(@RequestParam String country, @RequestParam int year, Caller caller) {
        Snapshot snapshot = approved(caller, country, year);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(ReportFiles.XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"glotip-" + country + "-" + year
                        + "-v" + snapshot.version() + ".xlsx\"")
                .body(GlotipWorkbook.of(snapshot));
    }

    @GetMapping(path = "/api/v1/exports/sdg-16-2-2", produces = {"text/csv", MediaType.APPLICATION_XML_VALUE})
    @Operation(summary = "The latest approved SDG 16.2.2 snapshot as SDMX-CSV or SDMX-ML 2.1 (structure-specific) for "
            + "the IAEG-SDGs DSD; 409 when the country-year has no approved figures")
    ResponseEntity<String> sdmx(@RequestParam String country, @RequestParam int year,
                                @RequestParam(defaultValue = "sdmx-csv") String format, Caller caller) {
        Snapshot snapshot = approved(caller, country, year);
        String refArea = referenceData.m49(country);
        String name = "sdg-16-2-2-" + country + "-" + year + "-v" + snapshot.version();
        return switch (format) {
            case "sdmx-csv" -> ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
                    .body(SdmxExport.csv(snapshot.figures(), refArea));
            case "sdmx-ml" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".xml\"")
                    .body(SdmxExport.xml(snapshot.figures(), refArea, "TIPIS-" + country, clock.instant()));
            default -> throw new ProblemException(ProblemType.VALIDATION_FAILED, "Unknown format.", java.util.List.of(
                    new FieldError("/query/format", "FormatUnknown", "Use sdmx-csv or sdmx-ml.")));
        };
    }
}
