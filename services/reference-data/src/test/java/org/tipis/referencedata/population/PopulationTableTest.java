package org.tipis.referencedata.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tipis.platform.problem.FieldError;

class PopulationTableTest {

    private static final String HEADER = "iso3,year,sex,age_group,population,source\n";
    private static final Set<String> AGES = Set.of("_T", "Y0T17", "Y_GE18", "Y0T4");

    private static PopulationTable read(String body) {
        return read(body, null);
    }

    private static PopulationTable read(String body, String onlyCountry) {
        return PopulationTable.read(new StringReader(HEADER + body), c -> Set.of("ARG", "BRA", "CHL").contains(c),
                AGES, onlyCountry);
    }

    @Test
    void acceptsAConsistentTableBySexAndAge() {
        PopulationTable table = read("""
                ARG,2024,_T,_T,100,INDEC
                ARG,2024,F,_T,51,INDEC
                ARG,2024,M,_T,49,INDEC
                ARG,2024,_T,Y0T17,30,INDEC
                ARG,2024,_T,Y_GE18,70,INDEC
                """);

        assertThat(table.errors()).isEmpty();
        assertThat(table.figures()).hasSize(5);
        assertThat(table.sources()).containsEntry("ARG", "INDEC");
    }

    @Test
    void listsEveryOffendingRowAndKeepsNothing() {
        PopulationTable table = read("""
                ARG,2024,_T,_T,-5,INDEC
                XXX,2024,_T,_T,10,INDEC
                ARG,20x4,F,_T,10,INDEC
                ARG,2024,Q,_T,10,INDEC
                ARG,2024,M,Y99,10,INDEC
                ARG,2023,_T,_T,1.5,INDEC
                ARG,2022,_T,_T,7,
                """);

        assertThat(table.figures()).isEmpty();
        assertThat(table.errors()).extracting(FieldError::pointer, FieldError::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/rows/2/population", "PopulationNegative"),
                org.assertj.core.groups.Tuple.tuple("/rows/3/iso3", "CountryUnknown"),
                org.assertj.core.groups.Tuple.tuple("/rows/4/year", "YearInvalid"),
                org.assertj.core.groups.Tuple.tuple("/rows/5/sex", "SexUnknown"),
                org.assertj.core.groups.Tuple.tuple("/rows/6/age_group", "AgeGroupUnknown"),
                org.assertj.core.groups.Tuple.tuple("/rows/7/population", "PopulationInvalid"),
                org.assertj.core.groups.Tuple.tuple("/rows/8/source", "SourceMissing"));
    }

    @Test
    void refusesDuplicateKeys() {
        PopulationTable table = read("ARG,2024,_T,_T,10,a\nARG,2024,_T,_T,11,b\n");

        assertThat(table.errors()).extracting(FieldError::code).containsExactly("DuplicateKey");
        assertThat(table.errors().getFirst().pointer()).isEqualTo("/rows/3");
        assertThat(table.errors().getFirst().message()).contains("line 2");
    }

    @Test
    void refusesSexesThatDoNotAddUpToTheTotal() {
        PopulationTable table = read("BRA,2020,_T,_T,100,x\nBRA,2020,F,_T,50,x\nBRA,2020,M,_T,49,x\n");

        assertThat(table.errors()).extracting(FieldError::code).containsExactly("SexSumMismatch");
        assertThat(table.errors().getFirst().pointer()).isEqualTo("/rows/2/population");
    }

    @Test
    void refusesAgeGroupsThatDoNotAddUpToTheTotal() {
        PopulationTable table = read("BRA,2020,F,_T,100,x\nBRA,2020,F,Y0T17,30,x\nBRA,2020,F,Y_GE18,71,x\n");

        assertThat(table.errors()).extracting(FieldError::code).containsExactly("AgeSumMismatch");
    }

    @Test
    void aNationalAuthorityImportsItsOwnCountryOnly() {
        PopulationTable table = read("ARG,2024,_T,_T,10,x\nCHL,2024,_T,_T,10,x\n", "ARG");

        assertThat(table.errors()).extracting(FieldError::pointer, FieldError::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/rows/3/iso3", "CountryNotYours"));
    }

    @Test
    void reportsMissingAndUnknownColumnsBeforeReadingRows() {
        PopulationTable table = PopulationTable.read(new StringReader("iso3,year,sex,population,source,notes\n"),
                c -> true, AGES, null);

        assertThat(table.errors()).extracting(FieldError::code).containsExactly("ColumnMissing", "ColumnUnknown");
        assertThat(table.errors().getFirst().pointer()).isEqualTo("/header/age_group");
    }

    @Test
    void refusesRaggedRowsAndEmptyFiles() {
        assertThat(read("ARG,2024,_T,_T,10\n").errors()).extracting(FieldError::code)
                .containsExactly("ColumnCountWrong");
        assertThat(read("").errors()).extracting(FieldError::code).containsExactly("RowsMissing");
        assertThat(read("ARG,2024,_T,_T,10,\"unterminated\n").errors()).extracting(FieldError::code)
                .containsExactly("CsvMalformed");
    }

    @Test
    void acceptsAByteOrderMark() {
        PopulationTable table = PopulationTable.read(new StringReader("\uFEFF" + HEADER + "ARG,2024,_T,_T,10,x\n"),
                c -> true, AGES, null);

        assertThat(table.errors()).isEmpty();
    }
}
