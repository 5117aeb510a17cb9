package org.tipis.caseregistry.caserecord;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.envers.Audited;
import org.hibernate.envers.NotAudited;

/** A case (or one victim's part of it) shared with another institution of the same country, for a reason. */
@Entity
@Table(name = "case_share")
@Audited
public class CaseShare {

    public enum Rights { READ, CONTRIBUTE }

    @Id
    private UUID id;
    @Column(name = "case_id")
    private UUID caseId;
    @Column(name = "victim_id")
    private UUID victimId;
    private String institution;
    @Enumerated(EnumType.STRING)
    private Rights rights;
    private String reason;
    @Column(name = "granted_by")
    private String grantedBy;
    @Column(name = "granted_at")
    private Instant grantedAt;
    @Column(name = "revoked_by")
    private String revokedBy;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    @NotAudited
    @Version
    private long version;

    protected CaseShare() {
    }

    CaseShare(UUID id, UUID caseId, UUID victimId, String institution, Rights rights, String reason, String grantedBy,
              Instant now) {
        this.id = id;
        this.caseId = caseId;
        this.victimId = victimId;
        this.institution = institution;
        this.rights = rights;
        this.reason = reason;
        this.grantedBy = grantedBy;
        this.grantedAt = now;
    }

    void revoke(String by, Instant now) {
        this.revokedBy = by;
        this.revokedAt = now;
    }

    public boolean active() {
        return revokedAt == null;
    }

    public UUID id() {
        return id;
    }

    public UUID caseId() {
        return caseId;
    }

    public UUID victimId() {
        return victimId;
    }

    public String institution() {
        return institution;
    }

    public Rights rights() {
        return rights;
    }

    public String reason() {
        return reason;
    }

    public String grantedBy() {
        return grantedBy;
    }

    public Instant grantedAt() {
        return grantedAt;
    }

    public String revokedBy() {
        return revokedBy;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public long version() {
        return version;
    }
}
