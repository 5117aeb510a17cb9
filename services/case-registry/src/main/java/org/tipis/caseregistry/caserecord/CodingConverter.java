package org.tipis.caseregistry.caserecord;

import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The code-list versions a record was coded with, stored as a JSON object {"list": version}. */
@Converter
public class CodingConverter implements AttributeConverter<Map<String, Integer>, String> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String convertToDatabaseColumn(Map<String, Integer> coding) {
        return column(coding);
    }

    /** The column value as JPA writes it (bulk writers write the column directly). */
    public static String column(Map<String, Integer> coding) {
        return JSON.writeValueAsString(new TreeMap<>(coding == null ? Map.of() : coding));
    }

    @Override
    public Map<String, Integer> convertToEntityAttribute(String column) {
        return column == null ? Map.of() : JSON.readValue(column, new TypeReference<TreeMap<String, Integer>>() { });
    }
}
