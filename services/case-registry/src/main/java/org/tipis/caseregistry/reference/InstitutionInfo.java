package org.tipis.caseregistry.reference;

import java.util.List;

/** An institution of the directory, with the sections of a case its kind may write. */
public record InstitutionInfo(String id, String country, String kind, boolean active, List<String> allowedSections) {

    public boolean may(String section) {
        return active && allowedSections.contains(section);
    }
}
