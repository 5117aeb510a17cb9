package org.tipis.indicators.approval.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tipis.indicators.approval.Snapshot;
import org.tipis.indicators.approval.SnapshotService;
import org.tipis.platform.caller.Caller;

import io.swagger.v3.oas.annotations.Operation;

@RestController
@RequestMapping(path = "/api/v1/snapshots", produces = MediaType.APPLICATION_JSON_VALUE)
class SnapshotController {

    private final SnapshotService service;

    SnapshotController(SnapshotService service) {
        this.service = service;
    }

    record ApprovalRequest(String country, Integer year, String reason) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Approve a country-year's SDG 16.2.2 figures as an immutable snapshot (national-approver); "
            + "a correction needs a reason and records what changed")
    ResponseEntity<Snapshot> approve(@RequestBody ApprovalRequest request, Caller caller) {
        if (request.country() == null || request.year() == null) {
            throw new org.tipis.platform.problem.ProblemException(
                    org.tipis.platform.problem.ProblemType.VALIDATION_FAILED, "country and year are required.",
                    List.of(new org.tipis.platform.problem.FieldError(request.country() == null ? "/country" : "/year",
                            "NotBlank", "Required.")));
        }
        Snapshot snapshot = service.approve(caller, request.country(), request.year(), request.reason());
        return ResponseEntity.created(URI.create("/api/v1/snapshots/" + snapshot.id())).body(snapshot);
    }

    @GetMapping
    @Operation(summary = "Approved snapshots: of your country (national roles) or of all countries (regional analysts)")
    List<Snapshot> list(@RequestParam(required = false) String country, @RequestParam(required = false) Integer year,
                        Caller caller) {
        return service.list(caller, country, year);
    }

    @GetMapping("/{id}")
    Snapshot get(@PathVariable UUID id, Caller caller) {
        return service.get(caller, id);
    }

    @GetMapping("/comparison")
    @Operation(summary = "Hemispheric comparison: approved, disclosure-controlled totals and rates per member state")
    SnapshotService.Comparison comparison(@RequestParam int year, Caller caller) {
        return service.comparison(caller, year);
    }
}
