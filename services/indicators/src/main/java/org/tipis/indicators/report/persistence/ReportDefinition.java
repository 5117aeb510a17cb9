package org.tipis.indicators.report.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.envers.Audited;
import org.hibernate.envers.NotAudited;

/** A saved dynamic-report query of a country ({@code query} is the query's JSON). */
@Entity
@Table(name = "report_definition")
@Audited
public class ReportDefinition {

    @Id
    private UUID id;

    private String country;

    private String name;

    private String description;

    private String query;

    @NotAudited
    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @NotAudited
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @NotAudited
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @NotAudited
    @Version
    private long version;

    protected ReportDefinition() {
    }

    public ReportDefinition(UUID id, String country, String createdBy, Instant now) {
        this.id = id;
        this.country = country;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void apply(String name, String description, String query, Instant now) {
        this.name = name;
        this.description = description;
        this.query = query;
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String country() {
        return country;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String query() {
        return query;
    }

    public String createdBy() {
        return createdBy;
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
