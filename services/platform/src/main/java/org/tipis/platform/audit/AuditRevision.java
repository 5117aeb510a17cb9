package org.tipis.platform.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.envers.RevisionEntity;
import org.hibernate.envers.RevisionNumber;
import org.hibernate.envers.RevisionTimestamp;

/**
 * One Envers revision: who changed what, from which institution and country, in which request, with which
 * client. Every service keeps its own {@code revinfo} table (created by its migrations, see
 * {@code docs/adr/0005-audit-revisions.md}).
 */
@Entity
@Table(name = "revinfo")
@RevisionEntity(AuditRevisionListener.class)
public class AuditRevision {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "revinfo_seq")
    @SequenceGenerator(name = "revinfo_seq", sequenceName = "revinfo_seq", allocationSize = 1)
    @RevisionNumber
    @Column(name = "rev")
    private long id;

    @RevisionTimestamp
    @Column(name = "revtstmp", nullable = false)
    private long timestamp;

    @Column(name = "user_id", length = 64)
    private String userId;

    @Column(name = "username")
    private String username;

    @Column(name = "institution", length = 64)
    private String institution;

    @Column(name = "country", length = 3)
    private String country;

    @Column(name = "request_id", length = 64)
    private String requestId;

    @Column(name = "client")
    private String client;

    @Column(name = "origin", length = 128)
    private String origin;

    protected AuditRevision() {
    }

    void attribute(String userId, String username, String institution, String country, String requestId,
                   String client, String origin) {
        this.userId = userId;
        this.username = username;
        this.institution = institution;
        this.country = country;
        this.requestId = requestId;
        this.client = client;
        this.origin = origin;
    }

    public long id() {
        return id;
    }

    public long timestamp() {
        return timestamp;
    }

    public String userId() {
        return userId;
    }

    public String username() {
        return username;
    }

    public String institution() {
        return institution;
    }

    public String country() {
        return country;
    }

    public String requestId() {
        return requestId;
    }

    public String client() {
        return client;
    }

    public String origin() {
        return origin;
    }
}
