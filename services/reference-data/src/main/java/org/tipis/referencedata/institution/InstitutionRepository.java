package org.tipis.referencedata.institution;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface InstitutionRepository extends JpaRepository<Institution, String> {

    @Query("""
            select i from Institution i
            where (:country is null or i.country = :country)
              and (:kind is null or i.kind = :kind)
              and (:active is null or i.active = :active)""")
    Page<Institution> search(String country, String kind, Boolean active, Pageable pageable);
}
