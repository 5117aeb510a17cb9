package org.tipis.referencedata.codelist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A text in the four OAS languages; every one is required. */
public record Labels(String en, String es, String fr, String pt) {

    public String in(Language language) {
        return switch (language) {
            case EN -> en;
            case ES -> es;
            case FR -> fr;
            case PT -> pt;
        };
    }

    public List<Language> missing() {
        List<Language> missing = new ArrayList<>();
        for (Language language : Language.values()) {
            String text = in(language);
            if (text == null || text.isBlank()) {
                missing.add(language);
            }
        }
        return missing;
    }

    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Language language : Language.values()) {
            map.put(language.tag(), in(language));
        }
        return map;
    }

    public static Labels of(Map<String, String> map) {
        if (map == null) {
            return new Labels(null, null, null, null);
        }
        return new Labels(map.get("en"), map.get("es"), map.get("fr"), map.get("pt"));
    }
}
