package org.tipis.referencedata.population;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipis.platform.audit.AuditOrigin;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;
import org.tipis.referencedata.codelist.CodeListService;
import org.tipis.referencedata.codelist.CodeListVersion;
import org.tipis.referencedata.population.persistence.PopulationFigureStore;

/**
 * Population denominators. An import makes a new version per country and never touches an earlier one; the
 * version "in use" for rates is chosen per country by a national approver.
 */
@Service
public class PopulationService {

    public static final String SHIPPED = "population/wpp2024-oas-totals.csv";
    static final String SHIPPED_BY = "tipis (shipped)";

    private final PopulationDatasetRepository datasets;
    private final PopulationFigureStore figures;
    private final CodeListService codeLists;
    private final Clock clock;

    PopulationService(PopulationDatasetRepository datasets, PopulationFigureStore figures, CodeListService codeLists,
                      Clock clock) {
        this.datasets = datasets;
        this.figures = figures;
        this.codeLists = codeLists;
        this.clock = clock;
    }

    /** What an import did (or, in a dry run, would do): one new version per country in the file. */
    public record ImportResult(boolean dryRun, int rows, List<ImportedDataset> datasets) {
    }

    public record ImportedDataset(UUID id, String country, int version, int figures, String source) {
    }

    @Transactional
    public ImportResult importTable(Caller caller, Reader csv, boolean dryRun) {
        String onlyCountry = importScope(caller);
        PopulationTable table = PopulationTable.read(csv, this::knownCountry, ageGroups(), onlyCountry);
        if (!table.valid()) {
            throw new ProblemException(ProblemType.IMPORT_REJECTED, "Nothing was imported: " + table.errors().size()
                    + " problem(s) in the file.", table.errors().stream().limit(1000).toList());
        }
        return store(table, caller.username(), dryRun, false);
    }

    @Transactional
    public PopulationDataset putInUse(Caller caller, UUID datasetId) {
        PopulationDataset dataset = datasets.findById(datasetId)
                .orElseThrow(() -> ProblemException.notFound("There is no population dataset " + datasetId + "."));
        boolean approver = caller.hasRole("national-approver")
                && caller.country().filter(dataset.country()::equals).isPresent();
        if (!approver) {
            throw ProblemException.forbidden("Only a national approver of " + dataset.country()
                    + " chooses the population version in use.");
        }
        if (dataset.inUse()) {
            return dataset;
        }
        datasets.findByCountryAndInUseTrue(dataset.country()).ifPresent(current -> {
            current.retire();
            datasets.saveAndFlush(current);
        });
        dataset.putInUse(caller.username(), clock.instant());
        return datasets.saveAndFlush(dataset);
    }

    @Transactional(readOnly = true)
    public List<PopulationDataset> datasets(String country) {
        requireKnown(country);
        return datasets.findByCountryOrderByVersion(country);
    }

    public record Figures(PopulationDataset dataset, List<PopulationFigure> figures) {
    }

    @Transactional(readOnly = true)
    public Figures figures(String country, Integer year, String sex, String ageGroup, Integer version) {
        requireKnown(country);
        PopulationDataset dataset = (version == null ? datasets.findByCountryAndInUseTrue(country)
                : datasets.findByCountryAndVersion(country, version))
                .orElseThrow(() -> ProblemException.notFound(version == null
                        ? "No population version is in use for " + country + "."
                        : "There is no population version " + version + " for " + country + "."));
        return new Figures(dataset, figures.find(dataset.id(), country, year, sex, ageGroup));
    }

    /** Ships UN WPP 2024 totals: version 1, in use, for every country that has no population table yet. */
    @Transactional
    public int loadShipped() throws IOException {
        try (Reader reader = new InputStreamReader(new ClassPathResource(SHIPPED).getInputStream(),
                StandardCharsets.UTF_8)) {
            PopulationTable table = PopulationTable.read(reader, this::knownCountry, ageGroups(), null);
            if (!table.valid()) {
                throw new IllegalStateException("The shipped population table is invalid: " + table.errors());
            }
            return AuditOrigin.callAs("shipped-data", () -> store(table, SHIPPED_BY, false, true).datasets().size());
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ImportResult store(PopulationTable table, String by, boolean dryRun, boolean onlyNewCountries) {
        Map<String, List<PopulationFigure>> byCountry = new LinkedHashMap<>();
        table.figures().forEach(f -> byCountry.computeIfAbsent(f.country(), k -> new ArrayList<>()).add(f));
        List<ImportedDataset> result = new ArrayList<>();
        byCountry.forEach((country, rows) -> {
            if (onlyNewCountries && datasets.existsByCountry(country)) {
                return;
            }
            int version = datasets.latestVersion(country) + 1;
            UUID id = dryRun ? null : UUID.randomUUID();
            String source = table.sources().get(country);
            if (!dryRun) {
                PopulationDataset dataset = new PopulationDataset(id, country, version, source, clock.instant(), by);
                if (onlyNewCountries) {
                    dataset.putInUse(by, clock.instant());
                }
                datasets.saveAndFlush(dataset);
                figures.insert(id, rows);
            }
            result.add(new ImportedDataset(id, country, version, rows.size(), source));
        });
        return new ImportResult(dryRun, table.figures().size(), result);
    }

    private String importScope(Caller caller) {
        if (caller.hasRole("registry-admin")) {
            return null;
        }
        if (caller.hasAnyRole("national-analyst", "national-approver") && caller.country().isPresent()) {
            return caller.country().get();
        }
        throw ProblemException.forbidden("Population tables are imported by national analysts and approvers.");
    }

    private boolean knownCountry(String code) {
        return code != null && codeLists.version("country", null).code(code).isPresent();
    }

    private void requireKnown(String country) {
        if (!knownCountry(country)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Unknown country.", List.of(
                    new org.tipis.platform.problem.FieldError("/query/country", "CountryUnknown",
                            "Use an ISO 3166-1 alpha-3 code of the country list.")));
        }
    }

    Set<String> ageGroups() {
        Set<String> groups = new HashSet<>(Set.of("_T", "Y0T17", "Y_GE18"));
        CodeListVersion ages = codeLists.version("age-group", null);
        ages.codes().stream().map(CodeListVersion.Code::code).filter(c -> c.startsWith("Y")).forEach(groups::add);
        return groups;
    }
}
