package org.tipis.caseregistry.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class IdentityCipherTest {

    private static IdentityCipher cipher(String keyId) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new IdentityCipher(new SecretKeySpec(key, "AES"), keyId);
    }

    private final IdentityCipher cipher = cipher("k1");

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        byte[] first = cipher.encrypt("María José", "victim-1", "givenNames");
        byte[] second = cipher.encrypt("María José", "victim-1", "givenNames");

        assertThat(cipher.decrypt(first, "victim-1", "givenNames")).isEqualTo("María José");
        assertThat(first).isNotEqualTo(second);
        assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain("Mar");
    }

    @Test
    void aCiphertextMovedToAnotherVictimOrFieldDoesNotOpen() {
        byte[] sealed = cipher.encrypt("DNI 1", "victim-1", "documentNumber");

        assertThatThrownBy(() -> cipher.decrypt(sealed, "victim-2", "documentNumber")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt(sealed, "victim-1", "givenNames")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTamperedCiphertextOrAnotherKeyDoesNotOpen() {
        byte[] sealed = cipher.encrypt("DNI 1", "victim-1", "documentNumber");
        sealed[sealed.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(sealed, "victim-1", "documentNumber")).isInstanceOf(IllegalStateException.class);
        byte[] other = cipher.encrypt("x", "v", "f");
        assertThatThrownBy(() -> cipher("k1").decrypt(other, "v", "f")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nullStaysNull() {
        assertThat(cipher.encrypt(null, "v", "f")).isNull();
        assertThat(cipher.decrypt(null, "v", "f")).isNull();
    }
}
