package org.tipis.indicators.indicator;

import java.util.Map;
import java.util.UUID;

/**
 * One person counted for a country-year: the record with the earliest identification among the records that
 * carry the person's victim key.
 *
 * @param coding the code-list versions the record was coded with
 */
public record DetectedVictim(UUID key, String sex, Integer ageAtIdentification, Boolean minor, String form,
                             Map<String, Integer> coding) {
}
