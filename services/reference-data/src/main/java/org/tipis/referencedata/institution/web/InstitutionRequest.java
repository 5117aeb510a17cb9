package org.tipis.referencedata.institution.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.tipis.referencedata.institution.InstitutionDetails;

/**
 * @param id       a stable slug, e.g. {@code arg-pfa}; the value of the Keycloak attribute {@code institution} of
 *                 the institution's users (ignored on update)
 * @param country  ISO 3166-1 alpha-3; null only for international organizations
 * @param kind     a code of the institution-kind list
 * @param parentId an institution of the same country, or null
 */
record InstitutionRequest(
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "Use 2 to 63 lowercase letters, digits and hyphens.")
        String id,
        @Pattern(regexp = "[A-Z]{3}", message = "Use an ISO 3166-1 alpha-3 code.") String country,
        @NotBlank(message = "The kind is required.") String kind,
        @NotBlank(message = "The name is required.") @Size(max = 255) String name,
        String parentId,
        @Email(message = "Not an e-mail address.") @Size(max = 255) String contactEmail,
        @Size(max = 64) @Pattern(regexp = "[0-9 +()./-]*", message = "Digits, spaces and + ( ) . / - only.")
        String contactPhone,
        Boolean active) {

    InstitutionDetails details() {
        return new InstitutionDetails(country, kind, name, parentId, contactEmail, contactPhone,
                active == null || active);
    }
}
