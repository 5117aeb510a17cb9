package org.tipis.referencedata.population.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.tipis.platform.caller.Caller;
import org.tipis.referencedata.population.PopulationDataset;
import org.tipis.referencedata.population.PopulationFigure;
import org.tipis.referencedata.population.PopulationService;

import io.swagger.v3.oas.annotations.Operation;

/** Population denominators for rates per 100,000: shipped UN WPP 2024 totals and national tables. */
@RestController
@RequestMapping(path = "/api/v1/populations", produces = MediaType.APPLICATION_JSON_VALUE)
class PopulationController {

    private final PopulationService service;

    PopulationController(PopulationService service) {
        this.service = service;
    }

    record DatasetResponse(UUID id, String country, int version, String source, Instant importedAt, String importedBy,
                           boolean inUse, String inUseBy, Instant inUseAt) {

        static DatasetResponse of(PopulationDataset d) {
            return new DatasetResponse(d.id(), d.country(), d.version(), d.source(), d.importedAt(), d.importedBy(),
                    d.inUse(), d.inUseBy(), d.inUseAt());
        }
    }

    record FigureEntry(int year, String sex, String ageGroup, long population) {

        static FigureEntry of(PopulationFigure f) {
            return new FigureEntry(f.year(), f.sex(), f.ageGroup(), f.population());
        }
    }

    record FiguresResponse(String country, DatasetResponse dataset, List<FigureEntry> figures) {
    }

    @GetMapping
    @Operation(summary = "Population figures of a country from the version in use (or ?version=); "
            + "filters year, sex (F, M, _T) and ageGroup (_T, Y0T17, Y_GE18, bands)")
    FiguresResponse figures(@RequestParam String country, @RequestParam(required = false) Integer year,
                            @RequestParam(required = false) String sex,
                            @RequestParam(required = false) String ageGroup,
                            @RequestParam(required = false) Integer version) {
        PopulationService.Figures found = service.figures(country, year, sex, ageGroup, version);
        return new FiguresResponse(country, DatasetResponse.of(found.dataset()),
                found.figures().stream().map(FigureEntry::of).toList());
    }

    @GetMapping("/datasets")
    @Operation(summary = "Every population version of a country, and which one is in use")
    List<DatasetResponse> datasets(@RequestParam String country) {
        return service.datasets(country).stream().map(DatasetResponse::of).toList();
    }

    @PostMapping(path = "/imports", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @Operation(summary = "Import a population table (CSV: iso3,year,sex,age_group,population,source) as a new "
            + "version per country; dryRun=true validates only. Invalid files are refused whole (422).")
    ResponseEntity<PopulationService.ImportResult> importCsv(@RequestBody String csv,
                                                             @RequestParam(defaultValue = "false") boolean dryRun,
                                                             Caller caller) {
        return answer(service.importTable(caller, new StringReader(csv), dryRun));
    }

    @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "The same import, as a multipart upload with the field 'file'")
    ResponseEntity<PopulationService.ImportResult> importFile(@RequestPart("file") MultipartFile file,
                                                              @RequestParam(defaultValue = "false") boolean dryRun,
                                                              Caller caller) throws IOException {
        try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            return answer(service.importTable(caller, reader, dryRun));
        }
    }

    @PutMapping("/datasets/{id}/in-use")
    @Operation(summary = "Use this version for the country's rates from now on (national-approver of the country)")
    DatasetResponse putInUse(@PathVariable UUID id, Caller caller) {
        return DatasetResponse.of(service.putInUse(caller, id));
    }

    private static ResponseEntity<PopulationService.ImportResult> answer(PopulationService.ImportResult result) {
        if (result.dryRun() || result.datasets().isEmpty()) {
            return ResponseEntity.ok(result);
        }
        PopulationService.ImportedDataset first = result.datasets().getFirst();
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/populations/datasets?country=" + first.country()))
                .body(result);
    }
}
