package org.tipis.referencedata.institution;

/** What an administrator states about an institution. */
public record InstitutionDetails(String country, String kind, String name, String parentId, String contactEmail,
                                 String contactPhone, boolean active) {
}
