package org.tipis.referencedata.codelist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tipis.referencedata.codelist.CodeListDocument.CodeDocument;

import tools.jackson.databind.json.JsonMapper;

/** The shipped dictionary, checked file by file without starting anything. */
class ShippedCodeListsTest {

    private static List<CodeListDocument> lists;

    @BeforeAll
    static void read() throws IOException {
        lists = ShippedCodeLists.read(JsonMapper.builder().build());
    }

    @Test
    void shipsEveryVariableOfTheSeeds() {
        assertThat(ids()).contains("sex", "age-group", "country", "exploitation-form", "victim-status",
                "institution-kind", "case-section", "complaint-channel", "investigation-type", "case-stage",
                "proceeding-event", "judgment-outcome", "assistance-type", "flow-level", "route-role",
                "transport-mode", "area-type", "recruitment-means", "related-offence", "migration-status",
                "disability", "ethnicity", "socio-economic-level", "economic-sector", "occupation",
                "lgbti-self-identification", "suspect-role", "organization-type", "modus-operandi",
                "shelter-provider", "shelter-type", "consent-scope");
    }

    @Test
    void everyShippedCodeHasALabelInAllFourLanguages() {
        List<String> missing = new ArrayList<>();
        for (CodeListDocument list : lists) {
            for (Language language : Labels.of(list.names()).missing()) {
                missing.add(list.id() + " name " + language.tag());
            }
            for (CodeDocument code : list.codes()) {
                for (Language language : Labels.of(code.labels()).missing()) {
                    missing.add(list.id() + "/" + code.code() + " " + language.tag());
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyMappingTargetIsACodeOfItsStandard() {
        Set<String> sections = codes("case-section");
        List<String> wrong = new ArrayList<>();
        for (CodeListDocument list : lists) {
            for (CodeDocument code : list.codes()) {
                code.mappings().forEach((scheme, targets) -> targets.forEach(target -> {
                    boolean ok = MappingScheme.named(scheme).map(s -> s.accepts(target)).orElse(false)
                            && (!scheme.equals("TIPIS_SECTION") || sections.contains(target));
                    if (!ok) {
                        wrong.add(list.id() + "/" + code.code() + " " + scheme + ":" + target);
                    }
                }));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyListPassesThePublicationRules() {
        Set<String> sections = codes("case-section");
        for (CodeListDocument list : lists) {
            assertThat(CodeListRules.check(list, sections)).as(list.id()).isEmpty();
            assertThat(CodeListRules.isListId(list.id())).as(list.id()).isTrue();
        }
    }

    @Test
    void everyFormOfExploitationCountsInExactlyOneSdgSeries() {
        for (CodeDocument code : list("exploitation-form").codes()) {
            assertThat(code.mappings().get("SDG_SERIES")).as(code.code()).hasSize(1);
        }
        Map<String, String> series = list("exploitation-form").codes().stream()
                .collect(Collectors.toMap(CodeDocument::code, c -> c.mappings().get("SDG_SERIES").getFirst()));
        assertThat(series).containsEntry("SEXUAL", "VC_HTF_DETVSX").containsEntry("FORCED_LABOUR", "VC_HTF_DETVFL")
                .containsEntry("ORGAN_REMOVAL", "VC_HTF_DETVOG").containsEntry("BEGGING", "VC_HTF_DETVOP")
                .containsEntry("OTHER", "VC_HTF_DETVOP");
        assertThat(Set.copyOf(series.values())).containsExactlyInAnyOrder(
                "VC_HTF_DETVSX", "VC_HTF_DETVFL", "VC_HTF_DETVOG", "VC_HTF_DETVOP");
    }

    @Test
    void sexAndAgeMapToTheSdmxCodesOfTheIndicator() {
        Map<String, List<String>> sex = mappings("sex", "SDMX_SEX");
        assertThat(sex).containsEntry("F", List.of("F")).containsEntry("M", List.of("M"));
        Map<String, List<String>> age = mappings("age-group", "SDMX_AGE");
        assertThat(age).containsEntry("MINOR", List.of("Y0T17")).containsEntry("ADULT", List.of("Y_GE18"))
                .containsEntry("Y15T17", List.of("Y0T17")).containsEntry("Y18T19", List.of("Y_GE18"));
        assertThat(age).doesNotContainKey("UNKNOWN");
    }

    @Test
    void everyInstitutionKindOfTheIssueIsThereWithTheSectionsItMayWrite() {
        assertThat(codes("institution-kind")).contains("POLICE", "ANTI_TRAFFICKING_UNIT", "PROSECUTOR", "COURT",
                "MIGRATION", "CUSTOMS", "LABOUR_INSPECTION", "SOCIAL_SERVICES", "CHILD_PROTECTION", "HEALTH",
                "CONSULATE", "HOTLINE", "NGO", "INTERNATIONAL_ORGANIZATION", "NATIONAL_COORDINATING_BODY",
                "STATISTICS_OFFICE");
        Map<String, List<String>> sections = mappings("institution-kind", "TIPIS_SECTION");
        assertThat(sections.get("COURT")).contains("JUDGMENT").doesNotContain("CASE_OPENING");
        assertThat(sections.get("PROSECUTOR")).contains("CHARGE");
        assertThat(sections.get("NGO")).contains("ASSISTANCE").doesNotContain("VICTIM_IDENTIFICATION");
        assertThat(sections.get("POLICE")).contains("CASE_OPENING", "VICTIM_IDENTIFICATION");
        assertThat(sections.get("NATIONAL_COORDINATING_BODY")).contains("ON_BEHALF_ENTRY");
    }

    @Test
    void theCountryListFlagsTheOasMembersWithTheirOfficialNames() throws IOException {
        List<CSVRecord> members;
        try (InputStream in = getClass().getResourceAsStream("/reference/oas-member-states.csv")) {
            members = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new java.io.InputStreamReader(in, StandardCharsets.UTF_8)).getRecords();
        }
        CodeListDocument countries = list("country");
        assertThat(countries.codes()).hasSizeGreaterThan(240);
        Set<String> flagged = countries.codes().stream().filter(c -> c.flags().contains("oas-member"))
                .map(CodeDocument::code).collect(Collectors.toSet());
        assertThat(flagged).hasSize(35);
        for (CSVRecord member : members) {
            CodeDocument code = countries.codes().stream().filter(c -> c.code().equals(member.get("iso3")))
                    .findFirst().orElseThrow();
            assertThat(flagged).contains(member.get("iso3"));
            assertThat(code.labels()).containsEntry("en", member.get("name_en")).containsEntry("es", member.get("name_es"))
                    .containsEntry("fr", member.get("name_fr")).containsEntry("pt", member.get("name_pt"));
            assertThat(code.mappings().get("M49")).containsExactly(member.get("m49"));
            assertThat(code.mappings().get("ISO3166_ALPHA2")).containsExactly(member.get("iso2"));
        }
    }

    private static List<String> ids() {
        return lists.stream().map(CodeListDocument::id).toList();
    }

    private static CodeListDocument list(String id) {
        return lists.stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
    }

    private static Set<String> codes(String id) {
        return list(id).codes().stream().map(CodeDocument::code).collect(Collectors.toSet());
    }

    private static Map<String, List<String>> mappings(String id, String scheme) {
        return list(id).codes().stream().filter(c -> c.mappings().containsKey(scheme))
                .collect(Collectors.toMap(CodeDocument::code, c -> c.mappings().get(scheme)));
    }
}
