package org.tipis.caseregistry.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.envers.Audited;
import org.hibernate.envers.NotAudited;

/** Who a victim is, apart from the statistics: every field ciphertext (see {@link IdentityCipher}). */
@Entity
@Table(name = "victim_identity")
@Audited
public class VictimIdentity {

    @Id
    @Column(name = "victim_id")
    private UUID victimId;
    @Column(name = "given_names")
    private byte[] givenNames;
    @Column(name = "family_names")
    private byte[] familyNames;
    @Column(name = "document_number")
    private byte[] documentNumber;
    @Column(name = "date_of_birth")
    private byte[] dateOfBirth;
    private byte[] contact;
    @Column(name = "key_id")
    private String keyId;
    @NotAudited
    @Column(name = "updated_at")
    private Instant updatedAt;
    @NotAudited
    @Version
    private long version;

    protected VictimIdentity() {
    }

    VictimIdentity(UUID victimId) {
        this.victimId = victimId;
    }

    void seal(IdentityDetails details, IdentityCipher cipher, Instant now) {
        String id = victimId.toString();
        this.givenNames = cipher.encrypt(details.givenNames(), id, "givenNames");
        this.familyNames = cipher.encrypt(details.familyNames(), id, "familyNames");
        this.documentNumber = cipher.encrypt(details.documentNumber(), id, "documentNumber");
        this.dateOfBirth = cipher.encrypt(details.dateOfBirth() == null ? null : details.dateOfBirth().toString(), id,
                "dateOfBirth");
        this.contact = cipher.encrypt(details.contact(), id, "contact");
        this.keyId = cipher.keyId();
        this.updatedAt = now;
    }

    IdentityDetails open(IdentityCipher cipher) {
        String id = victimId.toString();
        String birth = cipher.decrypt(dateOfBirth, id, "dateOfBirth");
        return new IdentityDetails(cipher.decrypt(givenNames, id, "givenNames"),
                cipher.decrypt(familyNames, id, "familyNames"), cipher.decrypt(documentNumber, id, "documentNumber"),
                birth == null ? null : java.time.LocalDate.parse(birth), cipher.decrypt(contact, id, "contact"));
    }

    public UUID victimId() {
        return victimId;
    }

    public long version() {
        return version;
    }
}
