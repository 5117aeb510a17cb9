package org.tipis.indicators.indicator;

import java.util.Map;

/**
 * Persons counted for a country-year who share every attribute the indicator looks at: each person is represented
 * by the record with the earliest identification among the records that carry the person's victim key, and
 * {@code persons} of them have these values. The store groups them so that only the groups, never the persons,
 * leave the database.
 *
 * @param coding the code-list versions the records were coded with
 */
public record DetectedVictim(String sex, Integer ageAtIdentification, Boolean minor, String form,
                             Map<String, Integer> coding, long persons) {
}
