package org.tipis.referencedata.population;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.envers.Audited;
import org.hibernate.envers.NotAudited;

/** One imported version of a country's population table. Its figures never change; only "in use" moves. */
@Entity
@Table(name = "population_dataset")
@Audited
public class PopulationDataset {

    @Id
    private UUID id;

    private String country;

    private int version;

    private String source;

    @NotAudited
    @Column(name = "imported_at", nullable = false)
    private Instant importedAt;

    @NotAudited
    @Column(name = "imported_by", nullable = false)
    private String importedBy;

    @Column(name = "in_use")
    private boolean inUse;

    @Column(name = "in_use_by")
    private String inUseBy;

    @Column(name = "in_use_at")
    private Instant inUseAt;

    @NotAudited
    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected PopulationDataset() {
    }

    PopulationDataset(UUID id, String country, int version, String source, Instant importedAt, String importedBy) {
        this.id = id;
        this.country = country;
        this.version = version;
        this.source = source;
        this.importedAt = importedAt;
        this.importedBy = importedBy;
    }

    void putInUse(String by, Instant at) {
        this.inUse = true;
        this.inUseBy = by;
        this.inUseAt = at;
    }

    void retire() {
        this.inUse = false;
    }

    public UUID id() {
        return id;
    }

    public String country() {
        return country;
    }

    public int version() {
        return version;
    }

    public String source() {
        return source;
    }

    public Instant importedAt() {
        return importedAt;
    }

    public String importedBy() {
        return importedBy;
    }

    public boolean inUse() {
        return inUse;
    }

    public String inUseBy() {
        return inUseBy;
    }

    public Instant inUseAt() {
        return inUseAt;
    }
}
