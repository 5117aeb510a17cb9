package org.tipis.referencedata.population;

/**
 * @param sex       SDMX sex: {@code F}, {@code M} or {@code _T}
 * @param ageGroup  {@code _T}, {@code Y0T17}, {@code Y_GE18} or a band of the age-group list (e.g. {@code Y20T24})
 * @param population persons
 */
public record PopulationFigure(String country, int year, String sex, String ageGroup, long population) {
}
