package org.tipis.referencedata.population;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.tipis.platform.problem.FieldError;

/**
 * A population table read from CSV ({@code iso3,year,sex,age_group,population,source}) and checked as a whole:
 * either every row is valid, or the list of errors names each offending row ({@code /rows/<line>/<column>}, the
 * line number in the file, the header being line 1) and nothing is imported.
 */
public final class PopulationTable {

    public static final List<String> COLUMNS = List.of("iso3", "year", "sex", "age_group", "population", "source");
    static final Set<String> SEXES = Set.of("F", "M", "_T");
    static final int MAX_ROWS = 200_000;

    private final List<PopulationFigure> figures;
    private final Map<String, String> sources;
    private final List<FieldError> errors;

    private PopulationTable(List<PopulationFigure> figures, Map<String, String> sources, List<FieldError> errors) {
        this.figures = figures;
        this.sources = sources;
        this.errors = errors;
    }

    public List<PopulationFigure> figures() {
        return figures;
    }

    /** The source stated for each country (the first row's). */
    public Map<String, String> sources() {
        return sources;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /**
     * @param knownCountry whether a code is in the country list
     * @param ageGroups    the accepted age-group codes
     * @param onlyCountry  the single country the caller may import for, or null for any
     */
    public static PopulationTable read(Reader csv, Predicate<String> knownCountry, Set<String> ageGroups,
                                       String onlyCountry) {
        List<FieldError> errors = new ArrayList<>();
        List<PopulationFigure> figures = new ArrayList<>();
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, Long> lineOfKey = new HashMap<>();
        Map<String, Long> lineOfFigure = new HashMap<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = format.parse(csv)) {
            List<String> header = parser.getHeaderNames().stream()
                    .map(h -> h.replace("\uFEFF", "").trim().toLowerCase(java.util.Locale.ROOT)).toList();
            for (String column : COLUMNS) {
                if (!header.contains(column)) {
                    errors.add(new FieldError("/header/" + column, "ColumnMissing",
                            "The header lacks the column '" + column + "'."));
                }
            }
            for (String column : header) {
                if (!COLUMNS.contains(column)) {
                    errors.add(new FieldError("/header/" + sanitize(column), "ColumnUnknown",
                            "Unknown column; the columns are " + String.join(",", COLUMNS) + "."));
                }
            }
            if (!errors.isEmpty()) {
                return new PopulationTable(List.of(), Map.of(), errors);
            }
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                index.put(header.get(i), i);
            }
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (figures.size() >= MAX_ROWS) {
                    errors.add(new FieldError("/rows/" + line, "TooManyRows",
                            "At most " + MAX_ROWS + " rows per import."));
                    break;
                }
                readRow(record, index, line, knownCountry, ageGroups, onlyCountry, figures, sources, lineOfKey,
                        lineOfFigure, errors);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException malformed) {
            errors.add(new FieldError("/rows", "CsvMalformed",
                    "The file is not valid CSV (check quotes and the column count)."));
            return new PopulationTable(List.of(), Map.of(), errors);
        }
        if (figures.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("/rows", "RowsMissing", "The file has no data rows."));
        }
        checkSums(figures, lineOfFigure, errors);
        return new PopulationTable(errors.isEmpty() ? figures : List.of(), sources, errors);
    }

    private static void readRow(CSVRecord record, Map<String, Integer> index, long line,
                                Predicate<String> knownCountry, Set<String> ageGroups, String onlyCountry,
                                List<PopulationFigure> figures, Map<String, String> sources,
                                Map<String, Long> lineOfKey, Map<String, Long> lineOfFigure,
                                List<FieldError> errors) {
        String at = "/rows/" + line + "/";
        if (record.size() != index.size()) {
            errors.add(FieldError.withArgs("/rows/" + line, "ColumnCountWrong",
                    "This row has " + record.size() + " cells; the header has " + index.size() + ".", record.size(),
                    index.size()));
            return;
        }
        int before = errors.size();
        String country = record.get(index.get("iso3"));
        if (!knownCountry.test(country)) {
            errors.add(new FieldError(at + "iso3", "CountryUnknown", "Not an ISO 3166-1 alpha-3 code of the country list."));
        } else if (onlyCountry != null && !onlyCountry.equals(country)) {
            errors.add(new FieldError(at + "iso3", "CountryNotYours", "You may import figures of your own country only."));
        }
        Integer year = null;
        try {
            year = Integer.valueOf(record.get(index.get("year")));
            if (year < 1950 || year > 2100) {
                errors.add(new FieldError(at + "year", "YearOutOfRange", "Years from 1950 to 2100."));
            }
        } catch (NumberFormatException e) {
            errors.add(new FieldError(at + "year", "YearInvalid", "A year is a whole number such as 2024."));
        }
        String sex = record.get(index.get("sex"));
        if (!SEXES.contains(sex)) {
            errors.add(new FieldError(at + "sex", "SexUnknown", "Use F, M or _T (both sexes)."));
        }
        String age = record.get(index.get("age_group"));
        if (!ageGroups.contains(age)) {
            errors.add(new FieldError(at + "age_group", "AgeGroupUnknown",
                    "Use _T, Y0T17, Y_GE18 or a five-year band of the age-group list."));
        }
        long population = -1;
        try {
            population = Long.parseLong(record.get(index.get("population")));
            if (population < 0) {
                errors.add(new FieldError(at + "population", "PopulationNegative", "A population cannot be negative."));
            }
        } catch (NumberFormatException e) {
            errors.add(new FieldError(at + "population", "PopulationInvalid",
                    "A population is a whole number of persons, without separators."));
        }
        String source = record.get(index.get("source"));
        if (source == null || source.isBlank()) {
            errors.add(new FieldError(at + "source", "SourceMissing", "Say where the figure comes from."));
        }
        if (errors.size() > before) {
            return;
        }
        String key = country + "|" + year + "|" + sex + "|" + age;
        Long first = lineOfKey.putIfAbsent(key, line);
        if (first != null) {
            errors.add(FieldError.withArgs("/rows/" + line, "DuplicateKey",
                    "Same country, year, sex and age group as line " + first + ".", first));
            return;
        }
        sources.putIfAbsent(country, source);
        lineOfFigure.put(key, line);
        figures.add(new PopulationFigure(country, year, sex, age, population));
    }

    /** Where a total and its parts are all given, the parts must add up to the total. */
    private static void checkSums(List<PopulationFigure> figures, Map<String, Long> lineOf, List<FieldError> errors) {
        Map<String, Long> value = new HashMap<>();
        for (PopulationFigure f : figures) {
            value.put(f.country() + "|" + f.year() + "|" + f.sex() + "|" + f.ageGroup(), f.population());
        }
        for (PopulationFigure total : figures) {
            String base = total.country() + "|" + total.year() + "|";
            if ("_T".equals(total.sex())) {
                Long female = value.get(base + "F|" + total.ageGroup());
                Long male = value.get(base + "M|" + total.ageGroup());
                if (female != null && male != null && female + male != total.population()) {
                    errors.add(FieldError.withArgs("/rows/" + lineOf.get(base + "_T|" + total.ageGroup())
                            + "/population", "SexSumMismatch", "F + M = " + (female + male) + ", but the total says "
                            + total.population() + ".", female + male, total.population()));
                }
            }
            if ("_T".equals(total.ageGroup())) {
                Long minors = value.get(base + total.sex() + "|Y0T17");
                Long adults = value.get(base + total.sex() + "|Y_GE18");
                if (minors != null && adults != null && minors + adults != total.population()) {
                    errors.add(FieldError.withArgs("/rows/" + lineOf.get(base + total.sex() + "|_T")
                            + "/population", "AgeSumMismatch", "Y0T17 + Y_GE18 = " + (minors + adults)
                            + ", but the total says " + total.population() + ".", minors + adults, total.population()));
                }
            }
        }
    }

    private static String sanitize(String text) {
        return text.replaceAll("[^a-z0-9_]", "?");
    }
}
