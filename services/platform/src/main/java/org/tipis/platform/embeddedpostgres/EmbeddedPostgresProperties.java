package org.tipis.platform.embeddedpostgres;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL server started when no {@code spring.datasource.url} (env {@code DB_URL}) is set.
 *
 * @param enabled whether to start one at all
 * @param dataDir where its data lives; blank for a throw-away server (tests). A kept directory runs with
 *                {@code fsync} and synchronous commit on, so acknowledged writes survive a crash.
 * @param port    the port, 0 for a free one
 */
@ConfigurationProperties("tipis.embedded-postgres")
public record EmbeddedPostgresProperties(Boolean enabled, String dataDir, Integer port) {

    public EmbeddedPostgresProperties {
        enabled = enabled == null || enabled;
        port = port == null ? 0 : port;
    }

    public boolean persistent() {
        return dataDir != null && !dataDir.isBlank();
    }
}
