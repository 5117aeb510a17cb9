package org.tipis.indicators.report;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipis.indicators.report.persistence.ReportDefinition;
import org.tipis.indicators.report.persistence.ReportDefinitions;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.FieldError;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;

import tools.jackson.databind.json.JsonMapper;

/**
 * Report definitions saved per country and shared by its analysts and approvers. A definition stores the query,
 * never a result: running it computes the figures afresh, with the disclosure control of whoever runs it.
 */
@Service
public class SavedReports {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Definition(String name, String description, ReportQuery query) {
    }

    public record Saved(UUID id, String country, String name, String description, ReportQuery query, String createdBy,
                        java.time.Instant createdAt, java.time.Instant updatedAt, long version) {
    }

    private final ReportDefinitions definitions;
    private final ReportEngine engine;
    private final Clock clock;

    SavedReports(ReportDefinitions definitions, ReportEngine engine, Clock clock) {
        this.definitions = definitions;
        this.engine = engine;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Saved> list(Caller caller) {
        return definitions.findByCountryOrderByName(country(caller)).stream().map(SavedReports::saved).toList();
    }

    @Transactional(readOnly = true)
    public Saved get(Caller caller, UUID id) {
        return saved(visible(caller, id));
    }

    @Transactional
    public Saved create(Caller caller, Definition definition) {
        String country = country(caller);
        ReportQuery query = check(caller, definition, country, null);
        ReportDefinition saved = new ReportDefinition(UUID.randomUUID(), country, caller.username(), clock.instant());
        saved.apply(definition.name().strip(), definition.description(), JSON.writeValueAsString(query), clock.instant());
        return saved(definitions.saveAndFlush(saved));
    }

    @Transactional
    public Saved update(Caller caller, UUID id, Long expectedVersion, Definition definition) {
        ReportDefinition saved = visible(caller, id);
        requireVersion(saved, expectedVersion);
        ReportQuery query = check(caller, definition, saved.country(), id);
        saved.apply(definition.name().strip(), definition.description(), JSON.writeValueAsString(query), clock.instant());
        return saved(definitions.saveAndFlush(saved));
    }

    @Transactional
    public void delete(Caller caller, UUID id, Long expectedVersion) {
        ReportDefinition saved = visible(caller, id);
        requireVersion(saved, expectedVersion);
        definitions.delete(saved);
    }

    public ReportTable run(Caller caller, UUID id) {
        Saved saved = get(caller, id);
        return engine.run(caller, saved.query());
    }

    private ReportQuery check(Caller caller, Definition definition, String country, UUID self) {
        List<FieldError> errors = new ArrayList<>();
        if (definition == null || definition.name() == null || definition.name().isBlank()) {
            errors.add(new FieldError("/name", "NotBlank", "Name the report."));
        } else if (definition.name().length() > 200) {
            errors.add(FieldError.withArgs("/name", "TooLong", "At most 200 characters.", 200));
        } else if (definitions.existsByCountryAndNameAndIdNot(country, definition.name().strip(),
                self == null ? new UUID(0, 0) : self)) {
            errors.add(new FieldError("/name", "NameTaken", "Your country already has a report of this name."));
        }
        if (definition == null || definition.query() == null) {
            errors.add(new FieldError("/query", "NotBlank", "The report's query."));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The report definition is incomplete.", errors);
        }
        try {
            ReportQuery query = definition.query();
            // stored with the country and without a fixed default period: 'to' stays open unless the query names it
            ReportQuery resolved = engine.resolve(caller, query);
            return new ReportQuery(resolved.preset(), country, resolved.measures(), resolved.dimensions(),
                    resolved.filters(), query.period(), query.roundToFive(), query.audience());
        } catch (ProblemException e) {
            throw new ProblemException(e.type(), e.getMessage(), e.errors().stream()
                    .map(fe -> new FieldError("/query" + fe.pointer(), fe.code(), fe.message(), fe.args())).toList());
        }
    }

    private ReportDefinition visible(Caller caller, UUID id) {
        String country = country(caller);
        return definitions.findById(id).filter(d -> d.country().equals(country))
                .orElseThrow(() -> ProblemException.notFound("No such report definition."));
    }

    private static void requireVersion(ReportDefinition saved, Long expected) {
        if (expected == null) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED, "Send If-Match with the definition's ETag.");
        }
        if (expected != saved.version()) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, "The definition changed since you read it.");
        }
    }

    private static String country(Caller caller) {
        if (!caller.hasAnyRole("national-analyst", "national-approver")) {
            throw ProblemException.forbidden(caller.hasRole("regional-analyst")
                    ? "Regional analysts see approved figures only." : "Your role does not use statistics.");
        }
        return caller.country().orElseThrow(() -> ProblemException.forbidden("Your account names no country."));
    }

    private static Saved saved(ReportDefinition d) {
        return new Saved(d.id(), d.country(), d.name(), d.description(), JSON.readValue(d.query(), ReportQuery.class),
                d.createdBy(), d.createdAt(), d.updatedAt(), d.version());
    }
}
