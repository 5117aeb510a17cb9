package org.tipis.indicators.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipis.indicators.approval.persistence.SnapshotStore;
import org.tipis.indicators.indicator.DisclosurePolicy;
import org.tipis.indicators.indicator.ReferenceData;
import org.tipis.indicators.indicator.Sdg1622;
import org.tipis.indicators.report.ReportEngine;
import org.tipis.indicators.report.ReportQuery;
import org.tipis.indicators.report.ReportTable;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.FieldError;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;

/**
 * Approval of national figures. A national approver freezes a country-year as an immutable snapshot; a later
 * correction is a new version with a reason and the list of changed figures. Only approved snapshots are exported
 * or shown to regional analysts, always disclosure-controlled for anyone but the country's approvers.
 */
@Service
public class SnapshotService {

    private final SnapshotStore store;
    private final Sdg1622 sdg;
    private final DisclosurePolicy disclosure;
    private final ReferenceData referenceData;
    private final ReportEngine reports;
    private final Clock clock;

    /** The report tables frozen with every approval, beside the SDG figures: what the GLOTIP workbook shows. */
    public static final List<String> FROZEN_TABLES = List.of("glotip-victims", "glotip-victims-citizenship",
            "glotip-persons", "glotip-persons-citizenship", "attrition");

    SnapshotService(SnapshotStore store, Sdg1622 sdg, DisclosurePolicy disclosure, ReferenceData referenceData,
                    ReportEngine reports, Clock clock) {
        this.reports = reports;
        this.store = store;
        this.sdg = sdg;
        this.disclosure = disclosure;
        this.referenceData = referenceData;
        this.clock = clock;
    }

    @Transactional
    public Snapshot approve(Caller caller, String country, int year, String reason) {
        if (!caller.hasRole("national-approver") || !caller.country().filter(country::equals).isPresent()) {
            throw ProblemException.forbidden("Only a national approver of " + country + " approves its figures.");
        }
        Sdg1622.Table figures = sdg.raw(country, year);
        Snapshot previous = store.latest(country, year).orElse(null);
        List<Snapshot.Change> changes = previous == null ? List.of() : diff(previous.figures(), figures);
        if (previous != null && changes.isEmpty()) {
            throw new ProblemException(ProblemType.CONFLICT, "The figures have not changed since version "
                    + previous.version() + "; nothing to approve.");
        }
        if (previous != null && (reason == null || reason.isBlank())) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "A correction needs its reason.",
                    List.of(new FieldError("/reason", "CorrectionReasonRequired",
                            "Say why version " + previous.version() + " is corrected.")));
        }
        Map<String, ReportTable> tables = new java.util.TreeMap<>();
        for (String preset : FROZEN_TABLES) {
            ReportQuery query = reports.resolve(caller, new ReportQuery(preset, country, null, null, null,
                    new ReportQuery.Period(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)), null, null));
            tables.put(preset, reports.raw(query));
        }
        Snapshot snapshot = new Snapshot(UUID.randomUUID(), country, year, previous == null ? 1 : previous.version() + 1,
                caller.username(), clock.instant(), reason, figures, changes, tables);
        try {
            store.insert(snapshot);
        } catch (DuplicateKeyException concurrent) {
            throw new ProblemException(ProblemType.CONFLICT, "Another approval of " + country + " " + year
                    + " happened at the same time; read the latest version.");
        }
        return snapshot;
    }

    public List<Snapshot> list(Caller caller, String country, Integer year) {
        if (!caller.hasRole("regional-analyst")) {
            requireNational(caller, country);
        }
        return store.of(country, year).stream().map(s -> shown(caller, s)).toList();
    }

    public Snapshot get(Caller caller, UUID id) {
        Snapshot snapshot = store.byId(id).orElseThrow(() -> ProblemException.notFound("No such snapshot."));
        if (!caller.hasRole("regional-analyst")) {
            if (!caller.hasAnyRole("national-analyst", "national-approver")
                    || !caller.country().filter(snapshot.country()::equals).isPresent()) {
                throw ProblemException.notFound("No such snapshot.");
            }
        }
        return shown(caller, snapshot);
    }

    /** The latest approved figures of a country-year, as the caller may see them; 409 when none is approved. */
    public Snapshot latestApproved(Caller caller, String country, int year) {
        if (!caller.hasRole("regional-analyst")) {
            requireNational(caller, country);
        }
        Snapshot snapshot = store.latest(country, year).orElseThrow(() -> new ProblemException(ProblemType.CONFLICT,
                country + " " + year + " has no approved figures; only approved figures are exported."));
        return shown(caller, snapshot);
    }

    public record ComparisonRow(String country, boolean approved, Integer snapshotVersion, java.math.BigDecimal victims,
                                String victimsStatus, java.math.BigDecimal ratePer100000, String rateStatus) {
    }

    public record Comparison(int year, List<ComparisonRow> countries, java.math.BigDecimal regionalTotal,
                             String regionalTotalNote) {
    }

    /** Approved, disclosure-controlled totals and rates of every OAS member state; no sum while any is missing. */
    public Comparison comparison(Caller caller, int year) {
        if (!caller.hasAnyRole("regional-analyst", "national-analyst", "national-approver")) {
            throw ProblemException.forbidden("Your role does not use statistics.");
        }
        List<ComparisonRow> rows = new ArrayList<>();
        boolean complete = true;
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        for (String country : referenceData.oasMembers()) {
            Snapshot snapshot = store.latest(country, year).orElse(null);
            if (snapshot == null) {
                complete = false;
                rows.add(new ComparisonRow(country, false, null, null, null, null, null));
                continue;
            }
            Sdg1622.Table shown = disclosure.apply(snapshot.figures(), disclosure.k(country), false);
            Sdg1622.Observation total = find(shown, "VC_HTF_DETV");
            Sdg1622.Observation rate = find(shown, "VC_HTF_DETVR");
            if (total.value() == null) {
                complete = false;
            } else {
                sum = sum.add(total.value());
            }
            rows.add(new ComparisonRow(country, true, snapshot.version(), total.value(), total.obsStatus(),
                    rate.value(), rate.obsStatus()));
        }
        return new Comparison(year, rows, complete ? sum : null, complete ? null
                : "No regional total: not every member state has approved, publishable figures for " + year + ".");
    }

    private Snapshot shown(Caller caller, Snapshot snapshot) {
        boolean approver = caller.hasRole("national-approver")
                && caller.country().filter(snapshot.country()::equals).isPresent();
        Map<String, ReportTable> tables = new java.util.TreeMap<>();
        snapshot.tables().forEach((name, table) -> tables.put(name,
                ReportEngine.protect(table, approver ? 0 : disclosure.k(snapshot.country()), false)));
        return snapshot.withFigures(disclosure.forCaller(caller, snapshot.figures(), false), tables);
    }

    private static Sdg1622.Observation find(Sdg1622.Table table, String series) {
        return table.observations().stream().filter(o -> o.series().equals(series) && o.sex().equals("_T")
                && o.age().equals("_T")).findFirst().orElseThrow();
    }

    private static void requireNational(Caller caller, String country) {
        if (!caller.hasAnyRole("national-analyst", "national-approver")) {
            throw ProblemException.forbidden("Your role does not use statistics.");
        }
        if (country == null || !caller.country().filter(country::equals).isPresent()) {
            throw ProblemException.forbidden("You see the figures of your own country only.");
        }
    }

    static List<Snapshot.Change> diff(Sdg1622.Table before, Sdg1622.Table after) {
        Map<String, Sdg1622.Observation> old = new HashMap<>();
        before.observations().forEach(o -> old.put(o.series() + "|" + o.sex() + "|" + o.age(), o));
        List<Snapshot.Change> changes = new ArrayList<>();
        for (Sdg1622.Observation o : after.observations()) {
            Sdg1622.Observation was = old.get(o.series() + "|" + o.sex() + "|" + o.age());
            java.math.BigDecimal previous = was == null ? null : was.value();
            boolean same = previous == null ? o.value() == null
                    : o.value() != null && previous.compareTo(o.value()) == 0;
            if (!same) {
                changes.add(new Snapshot.Change(o.series(), o.sex(), o.age(), previous, o.value()));
            }
        }
        return changes;
    }
}
