package org.tipis.referencedata.institution;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.envers.Audited;
import org.hibernate.envers.NotAudited;

/** An institution that records or uses trafficking data; its kind decides which parts of a case it may write. */
@Entity
@Table(name = "institution")
@Audited
public class Institution {

    @Id
    private String id;

    private String country;

    private String kind;

    private String name;

    @Column(name = "parent_id")
    private String parentId;

    @Column(name = "contact_email")
    private String contactEmail;

    @Column(name = "contact_phone")
    private String contactPhone;

    private boolean active;

    @NotAudited
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @NotAudited
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @NotAudited
    @Version
    private long version;

    protected Institution() {
    }

    Institution(String id, InstitutionDetails details, Instant now) {
        this.id = id;
        this.createdAt = now;
        apply(details, now);
    }

    void apply(InstitutionDetails details, Instant now) {
        this.country = details.country();
        this.kind = details.kind();
        this.name = details.name();
        this.parentId = details.parentId();
        this.contactEmail = details.contactEmail();
        this.contactPhone = details.contactPhone();
        this.active = details.active();
        this.updatedAt = now;
    }

    public String id() {
        return id;
    }

    public String country() {
        return country;
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public String parentId() {
        return parentId;
    }

    public String contactEmail() {
        return contactEmail;
    }

    public String contactPhone() {
        return contactPhone;
    }

    public boolean active() {
        return active;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
