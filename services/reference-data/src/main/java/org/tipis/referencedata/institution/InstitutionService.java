package org.tipis.referencedata.institution;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.hibernate.envers.AuditReaderFactory;
import org.hibernate.envers.RevisionType;
import org.hibernate.envers.query.AuditEntity;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipis.platform.audit.AuditRevision;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.FieldError;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;
import org.tipis.referencedata.codelist.CodeListService;
import org.tipis.referencedata.codelist.CodeListVersion;

/**
 * The institution directory. Registry administrators maintain it; everyone else reads the institutions of their own
 * country; regional analysts and service accounts read all. Every change is an Envers revision.
 */
@Service
public class InstitutionService {

    static final Set<String> READ_ALL = Set.of("registry-admin", "regional-analyst", "service");
    static final String INSTITUTION_KIND_LIST = "institution-kind";
    static final String COUNTRY_LIST = "country";

    private final InstitutionRepository repository;
    private final CodeListService codeLists;
    private final EntityManager entityManager;
    private final Clock clock;

    InstitutionService(InstitutionRepository repository, CodeListService codeLists, EntityManager entityManager,
                       Clock clock) {
        this.repository = repository;
        this.codeLists = codeLists;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<Institution> search(Caller caller, String country, String kind, Boolean active, Pageable pageable) {
        String scope = country;
        if (!readsAll(caller)) {
            String own = caller.country().orElseThrow(
                    () -> ProblemException.forbidden("Your account has no country; ask an administrator."));
            if (country != null && !country.equals(own)) {
                throw ProblemException.forbidden("You may read the institutions of your own country only.");
            }
            scope = own;
        }
        return repository.search(scope, kind, active, pageable);
    }

    @Transactional(readOnly = true)
    public Institution get(Caller caller, String id) {
        return repository.findById(id).filter(i -> visible(caller, i))
                .orElseThrow(() -> ProblemException.notFound("There is no institution '" + safe(id) + "'."));
    }

    /** The sections of a case this institution's kind may write, from the institution-kind code list. */
    public List<String> allowedSections(Institution institution) {
        CodeListVersion kinds = codeLists.version(INSTITUTION_KIND_LIST, null);
        return kinds.code(institution.kind()).map(c -> c.mappings().getOrDefault("TIPIS_SECTION", List.of()))
                .orElse(List.of());
    }

    @Transactional
    public Institution create(Caller caller, String id, InstitutionDetails details) {
        requireAdmin(caller);
        if (repository.existsById(id)) {
            throw new ProblemException(ProblemType.CONFLICT, "An institution with id '" + id + "' exists already.",
                    List.of(new FieldError("/id", "InstitutionIdTaken", "Choose another id.")));
        }
        validate(details, id);
        return repository.save(new Institution(id, details, clock.instant()));
    }

    @Transactional
    public Institution update(Caller caller, String id, InstitutionDetails details, Long expectedVersion) {
        requireAdmin(caller);
        if (expectedVersion == null) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag of the institution you read, so that no change is lost.");
        }
        Institution institution = repository.findById(id)
                .orElseThrow(() -> ProblemException.notFound("There is no institution '" + safe(id) + "'."));
        if (institution.version() != expectedVersion) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "The institution was changed since you read it; read it again.");
        }
        validate(details, id);
        institution.apply(details, clock.instant());
        return repository.saveAndFlush(institution);
    }

    /** Who changed the institution, when, and what it looked like after each change. */
    @Transactional(readOnly = true)
    public List<HistoryEntry> history(Caller caller, String id) {
        Institution institution = repository.findById(id).orElse(null);
        boolean allowed = caller.hasRole("registry-admin") || (caller.hasRole("auditor") && institution != null
                && institution.country() != null && caller.country().filter(institution.country()::equals).isPresent());
        if (!allowed || institution == null) {
            if (institution != null && visible(caller, institution)) {
                throw ProblemException.forbidden("Only registry administrators and auditors read the history.");
            }
            throw ProblemException.notFound("There is no institution '" + safe(id) + "'.");
        }
        List<?> rows = AuditReaderFactory.get(entityManager).createQuery()
                .forRevisionsOfEntity(Institution.class, false, true)
                .add(AuditEntity.id().eq(id))
                .addOrder(AuditEntity.revisionNumber().asc())
                .getResultList();
        List<HistoryEntry> history = new ArrayList<>();
        for (Object row : rows) {
            Object[] triple = (Object[]) row;
            Institution state = (Institution) triple[0];
            AuditRevision revision = (AuditRevision) triple[1];
            RevisionType type = (RevisionType) triple[2];
            history.add(new HistoryEntry(revision.id(), java.time.Instant.ofEpochMilli(revision.timestamp()),
                    type.name(), revision.username(), revision.institution(), revision.country(),
                    revision.requestId(), revision.origin(), state.name(), state.kind(), state.country(),
                    state.active()));
        }
        return history;
    }

    public record HistoryEntry(long revision, java.time.Instant at, String change, String username,
                               String institution, String country, String requestId, String origin, String name,
                               String kind, String institutionCountry, boolean active) {
    }

    private void validate(InstitutionDetails details, String id) {
        List<FieldError> errors = new ArrayList<>();
        if (codeLists.version(INSTITUTION_KIND_LIST, null).code(details.kind()).isEmpty()) {
            errors.add(new FieldError("/kind", "CodeUnknown", "Not a code of the institution-kind list."));
        }
        if (details.country() == null) {
            if (!"INTERNATIONAL_ORGANIZATION".equals(details.kind())) {
                errors.add(new FieldError("/country", "CountryRequired",
                        "Only international organizations may have no country."));
            }
        } else if (codeLists.version(COUNTRY_LIST, null).code(details.country()).isEmpty()) {
            errors.add(new FieldError("/country", "CodeUnknown", "Not a code of the country list."));
        }
        if (details.parentId() != null) {
            if (details.parentId().equals(id)) {
                errors.add(new FieldError("/parentId", "ParentIsSelf", "An institution cannot be its own parent."));
            } else {
                Institution parent = repository.findById(details.parentId()).orElse(null);
                if (parent == null) {
                    errors.add(new FieldError("/parentId", "ParentUnknown", "There is no such institution."));
                } else if (!java.util.Objects.equals(parent.country(), details.country())) {
                    errors.add(new FieldError("/parentId", "ParentInOtherCountry",
                            "The parent must belong to the same country."));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The institution was not saved.", errors);
        }
    }

    private static boolean readsAll(Caller caller) {
        return READ_ALL.stream().anyMatch(caller::hasRole);
    }

    private static boolean visible(Caller caller, Institution institution) {
        return readsAll(caller) || (institution.country() != null
                && caller.country().filter(institution.country()::equals).isPresent());
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.hasRole("registry-admin")) {
            throw ProblemException.forbidden("Only registry administrators maintain the institution directory.");
        }
    }

    private static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9_-]", "?");
    }
}
