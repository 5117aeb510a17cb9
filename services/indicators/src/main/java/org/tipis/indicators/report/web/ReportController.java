package org.tipis.indicators.report.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tipis.indicators.report.ReportCatalog;
import org.tipis.indicators.report.ReportEngine;
import org.tipis.indicators.report.ReportFiles;
import org.tipis.indicators.report.ReportQuery;
import org.tipis.indicators.report.ReportTable;
import org.tipis.indicators.report.SavedReports;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.ETags;
import org.tipis.platform.problem.FieldError;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;

import io.swagger.v3.oas.annotations.Operation;

@RestController
@RequestMapping("/api/v1/reports")
class ReportController {

    private final ReportEngine engine;
    private final SavedReports saved;

    ReportController(ReportEngine engine, SavedReports saved) {
        this.engine = engine;
        this.saved = saved;
    }

    @PostMapping(path = "/query", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv", ReportFiles.XLSX})
    @Operation(summary = "A dynamic report: measures (victims, cases, suspects, prosecuted, convicted, assisted, ...) "
            + "by any dimensions, with filters and a period, as JSON, CSV or XLSX (format= or Accept); "
            + "disclosure-controlled except for the country's approvers; 422 above the cell limit")
    ResponseEntity<?> query(@RequestBody ReportQuery query, @RequestParam(required = false) String format,
                            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                            Caller caller) {
        return render(engine.run(caller, query), format, accept, "report");
    }

    @GetMapping(path = "/catalog", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "What reports can count (measures) and break down by (dimensions), and which dimensions "
            + "each measure offers")
    Map<String, Object> catalog(Caller caller) {
        requireStatisticsRole(caller);
        Map<String, Object> measures = new LinkedHashMap<>();
        ReportCatalog.MEASURES.values().forEach(m -> measures.put(m.name(), Map.of("description", m.description(),
                "dimensions", ReportCatalog.DIMENSIONS.values().stream().filter(d -> ReportCatalog.offers(m, d))
                        .map(ReportCatalog.Dimension::name).toList())));
        Map<String, Object> dimensions = new LinkedHashMap<>();
        ReportCatalog.DIMENSIONS.values().forEach(d -> {
            Map<String, Object> about = new LinkedHashMap<>();
            about.put("description", d.description());
            if (d.codeList() != null) {
                about.put("codeList", d.codeList());
            }
            dimensions.put(d.name(), about);
        });
        return Map.of("measures", measures, "dimensions", dimensions);
    }

    @GetMapping(path = "/presets", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Built-in report layouts: the GLOTIP questionnaire tables and criminal-justice attrition; "
            + "run one with {\"preset\": name} in a query")
    Map<String, ReportQuery> presets(Caller caller) {
        requireStatisticsRole(caller);
        return new java.util.TreeMap<>(ReportQuery.PRESETS);
    }

    @GetMapping(path = "/definitions", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Saved report definitions of your country")
    List<SavedReports.Saved> definitions(Caller caller) {
        return saved.list(caller);
    }

    @PostMapping(path = "/definitions", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Save a report definition for your country (analysts and approvers)")
    ResponseEntity<SavedReports.Saved> create(@RequestBody SavedReports.Definition definition, Caller caller) {
        SavedReports.Saved created = saved.create(caller, definition);
        return ResponseEntity.created(URI.create("/api/v1/reports/definitions/" + created.id()))
                .eTag(ETags.of(created.version())).body(created);
    }

    @GetMapping(path = "/definitions/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SavedReports.Saved> definition(@PathVariable UUID id, Caller caller) {
        SavedReports.Saved found = saved.get(caller, id);
        return ResponseEntity.ok().eTag(ETags.of(found.version())).body(found);
    }

    @PutMapping(path = "/definitions/{id}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a saved definition (If-Match with its ETag)")
    ResponseEntity<SavedReports.Saved> update(@PathVariable UUID id, @RequestBody SavedReports.Definition definition,
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              Caller caller) {
        SavedReports.Saved updated = saved.update(caller, id, ETags.version(ifMatch), definition);
        return ResponseEntity.ok().eTag(ETags.of(updated.version())).body(updated);
    }

    @DeleteMapping("/definitions/{id}")
    @Operation(summary = "Delete a saved definition (If-Match with its ETag)")
    ResponseEntity<Void> delete(@PathVariable UUID id,
                                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                Caller caller) {
        saved.delete(caller, id, ETags.version(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/definitions/{id}/run", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv", ReportFiles.XLSX})
    @Operation(summary = "Run a saved definition now, as JSON, CSV or XLSX")
    ResponseEntity<?> run(@PathVariable UUID id, @RequestParam(required = false) String format,
                          @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, Caller caller) {
        SavedReports.Saved definition = saved.get(caller, id);
        return render(saved.run(caller, id), format, accept, definition.name());
    }

    private static ResponseEntity<?> render(ReportTable table, String format, String accept, String title) {
        String chosen = format != null ? format
                : accept != null && accept.contains("text/csv") ? "csv"
                : accept != null && accept.contains("spreadsheetml") ? "xlsx" : "json";
        String file = "report-" + table.country() + "-" + table.period().from() + "-" + table.period().to();
        return switch (chosen) {
            case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(table);
            case "csv" -> ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + ".csv\"")
                    .body(ReportFiles.csv(table));
            case "xlsx" -> ResponseEntity.ok().contentType(MediaType.parseMediaType(ReportFiles.XLSX))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + ".xlsx\"")
                    .body(ReportFiles.xlsx(table, title));
            default -> throw new ProblemException(ProblemType.VALIDATION_FAILED, "Unknown format.", List.of(
                    new FieldError("/query/format", "FormatUnknown", "Use json, csv or xlsx.")));
        };
    }

    private static void requireStatisticsRole(Caller caller) {
        if (!caller.hasAnyRole("national-analyst", "national-approver")) {
            throw ProblemException.forbidden("Your role does not use statistics.");
        }
    }
}
