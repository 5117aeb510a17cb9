package org.tipis.caseregistry.caserecord;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Subquery;

import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.springframework.data.jpa.domain.Specification;

/** The search filters as a JPA specification, always confined to what the caller may see. */
final class CaseSearch {

    private CaseSearch() {
    }

    /**
     * @param institution when not null, only cases this institution owns or that are actively shared with it
     */
    static Specification<CaseRecord> of(String country, String institution, CaseRecordService.Search search) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            where.add(cb.equal(root.get("country"), country));
            if (institution != null) {
                Subquery<java.util.UUID> shared = query.subquery(java.util.UUID.class);
                var share = shared.from(CaseShare.class);
                shared.select(share.get("caseId")).where(cb.equal(share.get("institution"), institution),
                        cb.isNull(share.get("revokedAt")));
                where.add(cb.or(cb.equal(root.get("owningInstitution"), institution), root.get("id").in(shared)));
            }
            if (search.stage() != null) {
                where.add(cb.equal(root.get("stage"), search.stage()));
            }
            if (search.exploitation() != null) {
                Subquery<java.util.UUID> withForm = query.subquery(java.util.UUID.class);
                var victim = withForm.from(Victim.class);
                withForm.select(victim.get("caseId")).where(cb.equal(victim.get("exploitationPrimary"),
                        search.exploitation()));
                HibernateCriteriaBuilder hcb = (HibernateCriteriaBuilder) cb;
                where.add(cb.or(root.get("id").in(withForm),
                        hcb.arrayContains(root.get("exploitationForms"), search.exploitation())));
            }
            if (search.identifiedFrom() != null || search.identifiedTo() != null) {
                Subquery<java.util.UUID> identified = query.subquery(java.util.UUID.class);
                var victim = identified.from(Victim.class);
                List<Predicate> dates = new ArrayList<>();
                if (search.identifiedFrom() != null) {
                    dates.add(cb.greaterThanOrEqualTo(victim.get("identificationDate"), search.identifiedFrom()));
                }
                if (search.identifiedTo() != null) {
                    dates.add(cb.lessThanOrEqualTo(victim.get("identificationDate"), search.identifiedTo()));
                }
                identified.select(victim.get("caseId")).where(dates.toArray(Predicate[]::new));
                where.add(root.get("id").in(identified));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
