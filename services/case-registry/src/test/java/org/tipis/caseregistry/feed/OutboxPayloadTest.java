package org.tipis.caseregistry.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The outbox writes payloads with the generator directly: the JSON must be the mapper's, byte for byte. */
class OutboxPayloadTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void writesTheSameJsonAsTheMapper() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("victimId", UUID.fromString("0b7c2f8e-3d7a-4a43-9a43-6f3f4b1c2d9e"));
        payload.put("sex", "F");
        payload.put("ageAtExploitation", null);
        payload.put("ageAtIdentification", 17);
        payload.put("minor", true);
        payload.put("position", 12345678901L);
        payload.put("amount", new BigDecimal("1500.50"));
        payload.put("identificationDate", LocalDate.of(2024, 2, 29));
        payload.put("at", Instant.parse("2024-02-29T10:15:30.123Z"));
        payload.put("entryMode", Thread.State.RUNNABLE);
        payload.put("exploitationOther", List.of("FORCED_LABOUR", "BEGGING"));
        payload.put("consentScope", List.of());
        payload.put("withNull", new ArrayList<>(Arrays.asList("A", null)));
        payload.put("quoted", "a \"quote\", a back\\slash, a tab\t, é and ł");
        payload.put("coding", new TreeMap<>(Map.of("sex", 1, "country", 2)));
        assertThat(Outbox.json(payload)).isEqualTo(MAPPER.writeValueAsString(payload));
    }

    @Test
    void appendsThePayloadAsTheLastValueOfACopyRowEscaped() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("note", "back\\slash and tab\t");
        StringBuilder row = new StringBuilder("a\tb\n");
        Outbox.appendPayload(row, payload);
        assertThat(row).hasToString("a\tb\t{\"note\":\"back\\\\\\\\slash and tab\\\\t\"}\n");
    }
}
