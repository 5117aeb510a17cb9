package org.tipis.referencedata.population;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface PopulationDatasetRepository extends JpaRepository<PopulationDataset, UUID> {

    List<PopulationDataset> findByCountryOrderByVersion(String country);

    Optional<PopulationDataset> findByCountryAndInUseTrue(String country);

    Optional<PopulationDataset> findByCountryAndVersion(String country, int version);

    @Query("select coalesce(max(d.version), 0) from PopulationDataset d where d.country = :country")
    int latestVersion(String country);

    boolean existsByCountry(String country);
}
