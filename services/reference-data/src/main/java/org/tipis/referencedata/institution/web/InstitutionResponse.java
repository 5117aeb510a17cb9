package org.tipis.referencedata.institution.web;

import java.time.Instant;
import java.util.List;

import org.tipis.referencedata.institution.Institution;

/** @param allowedSections the parts of a case this institution may write (from its kind) */
record InstitutionResponse(String id, String country, String kind, String name, String parentId,
                           String contactEmail, String contactPhone, boolean active, List<String> allowedSections,
                           Instant createdAt, Instant updatedAt, long version) {

    static InstitutionResponse of(Institution institution, List<String> sections) {
        return new InstitutionResponse(institution.id(), institution.country(), institution.kind(),
                institution.name(), institution.parentId(), institution.contactEmail(), institution.contactPhone(),
                institution.active(), sections, institution.createdAt(), institution.updatedAt(),
                institution.version());
    }
}
