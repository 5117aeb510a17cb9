package org.tipis.caseregistry.caserecord;

import java.util.List;

/** @param profileNote free text, hidden from analysts */
public record SuspectDetails(String sex, Integer age, String nationality, String role, String organizationType,
                             List<String> modusOperandi, String profileNote) {

    public SuspectDetails {
        modusOperandi = modusOperandi == null ? List.of() : List.copyOf(modusOperandi);
    }

    List<CodedField> codedFields() {
        return List.of(CodedField.of("/sex", "sex", sex), CodedField.of("/nationality", "country", nationality),
                CodedField.of("/role", "suspect-role", role),
                CodedField.of("/organizationType", "organization-type", organizationType),
                CodedField.of("/modusOperandi", "modus-operandi", modusOperandi));
    }
}
