package org.tipis.platform.audit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;

/** Registers {@link AuditRevision} as an entity of every service that uses Envers. */
@AutoConfiguration(beforeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass(name = "org.hibernate.envers.RevisionEntity")
@AutoConfigurationPackage(basePackageClasses = AuditRevision.class)
public class AuditAutoConfiguration {
}
