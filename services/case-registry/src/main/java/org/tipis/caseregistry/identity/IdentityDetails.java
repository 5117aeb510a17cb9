package org.tipis.caseregistry.identity;

import java.time.LocalDate;

/** A victim's identity. Never in logs, problems, statistics or the change feed. */
public record IdentityDetails(String givenNames, String familyNames, String documentNumber, LocalDate dateOfBirth,
                              String contact) {
}
