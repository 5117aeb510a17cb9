package org.tipis.caseregistry.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM per field. A value is {@code 0x01 | nonce(12) | ciphertext+tag(16)}; the associated data binds it to
 * its victim, its field and the key id, so a ciphertext copied to another row or field does not decrypt. Nonces
 * are random (96 bits) from a CSPRNG, one per encryption.
 */
public final class IdentityCipher {

    private static final byte FORMAT = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    public IdentityCipher(SecretKey key, String keyId) {
        if (key.getEncoded().length != 32) {
            throw new IllegalArgumentException("the identity key must be 256 bits");
        }
        this.key = key;
        this.keyId = keyId;
    }

    public String keyId() {
        return keyId;
    }

    public byte[] encrypt(String plain, String victimId, String field) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(victimId, field));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE + sealed.length).put(FORMAT).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(byte[] value, String victimId, String field) {
        if (value == null) {
            return null;
        }
        if (value.length < 1 + NONCE + TAG_BITS / 8 || value[0] != FORMAT) {
            throw new IllegalStateException("not an identity ciphertext");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, value, 1, NONCE));
            cipher.updateAAD(aad(victimId, field));
            byte[] plain = cipher.doFinal(value, 1 + NONCE, value.length - 1 - NONCE);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an identity field could not be decrypted (wrong key or tampered)", e);
        }
    }

    private byte[] aad(String victimId, String field) {
        return (victimId + "|" + field + "|" + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
