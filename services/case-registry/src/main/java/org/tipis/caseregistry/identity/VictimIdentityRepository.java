package org.tipis.caseregistry.identity;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface VictimIdentityRepository extends JpaRepository<VictimIdentity, UUID> {
}
