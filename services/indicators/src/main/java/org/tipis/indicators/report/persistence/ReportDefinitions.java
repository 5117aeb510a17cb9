package org.tipis.indicators.report.persistence;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ReportDefinitions extends JpaRepository<ReportDefinition, UUID> {

    List<ReportDefinition> findByCountryOrderByName(String country);

    boolean existsByCountryAndNameAndIdNot(String country, String name, UUID id);
}
