package org.tipis.caseregistry.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The identity key: {@code TIPIS_IDENTITY_KEY} (base64 of 32 random bytes) with {@code TIPIS_IDENTITY_KEY_ID}.
 * External mode refuses to start without it. Embedded mode generates a development key once and keeps it next to
 * the embedded database (file mode 600), or a throw-away key when the database is throw-away too (tests).
 */
@Configuration(proxyBeanMethods = false)
class IdentityKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdentityKeyConfiguration.class);

    @Bean
    IdentityCipher identityCipher(@Value("${TIPIS_IDENTITY_KEY:}") String configured,
                                  @Value("${TIPIS_IDENTITY_KEY_ID:k1}") String keyId,
                                  @Value("${tipis.embedded-postgres.data-dir:}") String dataDir,
                                  Environment env) throws IOException {
        byte[] key;
        if (!configured.isBlank()) {
            key = Base64.getDecoder().decode(configured.trim());
        } else if (!env.getProperty("spring.datasource.url", "").isBlank()) {
            throw new IllegalStateException("TIPIS_IDENTITY_KEY is not set: in external mode the identity key comes "
                    + "from the environment (base64 of 32 random bytes, e.g. from 'openssl rand -base64 32').");
        } else if (dataDir.isBlank()) {
            key = random();
            keyId = "ephemeral";
        } else {
            Path file = Path.of(dataDir).toAbsolutePath().getParent().resolve("case-registry-identity-dev.key");
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, Base64.getEncoder().encodeToString(random()));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                log.warn("Generated a development identity key in {}; set TIPIS_IDENTITY_KEY in production", file);
            }
            key = Base64.getDecoder().decode(Files.readString(file).trim());
            keyId = "dev";
        }
        if (key.length != 32) {
            throw new IllegalStateException("TIPIS_IDENTITY_KEY must be 32 bytes (base64), not " + key.length);
        }
        return new IdentityCipher(new SecretKeySpec(key, "AES"), keyId);
    }

    private static byte[] random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    static final Set<String> FIELDS = Set.of("givenNames", "familyNames", "documentNumber", "dateOfBirth", "contact");
}
