package org.tipis.caseregistry.caserecord.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tipis.caseregistry.caserecord.AssistanceDetails;
import org.tipis.caseregistry.caserecord.AssistanceEvent;
import org.tipis.caseregistry.caserecord.CaseDetails;
import org.tipis.caseregistry.caserecord.CaseFile;
import org.tipis.caseregistry.caserecord.CaseHistory;
import org.tipis.caseregistry.caserecord.CaseRecord;
import org.tipis.caseregistry.caserecord.CaseRecordService;
import org.tipis.caseregistry.caserecord.CaseShare;
import org.tipis.caseregistry.caserecord.ProceedingDetails;
import org.tipis.caseregistry.caserecord.ProceedingEvent;
import org.tipis.caseregistry.caserecord.Suspect;
import org.tipis.caseregistry.caserecord.SuspectDetails;
import org.tipis.caseregistry.caserecord.Victim;
import org.tipis.caseregistry.caserecord.VictimDetails;
import org.tipis.caseregistry.caserecord.web.CaseResponses.AssistanceResponse;
import org.tipis.caseregistry.caserecord.web.CaseResponses.CasePage;
import org.tipis.caseregistry.caserecord.web.CaseResponses.CaseResponse;
import org.tipis.caseregistry.caserecord.web.CaseResponses.CaseSummary;
import org.tipis.caseregistry.caserecord.web.CaseResponses.ProceedingResponse;
import org.tipis.caseregistry.caserecord.web.CaseResponses.ShareRequest;
import org.tipis.caseregistry.caserecord.web.CaseResponses.ShareResponse;
import org.tipis.caseregistry.caserecord.web.CaseResponses.SuspectResponse;
import org.tipis.caseregistry.caserecord.web.CaseResponses.VictimResponse;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.FieldError;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

import tools.jackson.databind.JsonNode;

/**
 * Cases and what institutions record in them. Bodies may name the code-list versions they were coded with
 * ({@code "coding": {"sex": 1}}); otherwise the latest versions are used and stored with the record. Updates are
 * JSON merge patches with {@code If-Match}.
 */
@RestController
@Validated
@RequestMapping(path = "/api/v1/cases", produces = MediaType.APPLICATION_JSON_VALUE)
class CaseController {

    private final CaseRecordService service;
    private final CaseHistory history;

    CaseController(CaseRecordService service, CaseHistory history) {
        this.service = service;
        this.history = history;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Open a case (CASE_OPENING); onBehalfOf: an institution of your country, for centralized entry",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = CaseDetails.class))))
    ResponseEntity<CaseResponse> open(@RequestBody JsonNode body, Caller caller) {
        CaseDetails details = Bodies.read(body, CaseDetails.class, "coding", "onBehalfOf");
        CaseFile file = service.open(caller, details, Bodies.text(body, "onBehalfOf"), Bodies.coding(body));
        return ResponseEntity.created(URI.create("/api/v1/cases/" + file.record().id()))
                .eTag(etag(file.record().version())).body(CaseResponse.of(file));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A case with its victims, suspects, proceedings and assistance, as far as you may see it")
    ResponseEntity<CaseResponse> get(@PathVariable UUID id, Caller caller) {
        CaseFile file = service.get(caller, id);
        return ResponseEntity.ok().eTag(etag(file.record().version())).body(CaseResponse.of(file));
    }

    @PatchMapping(path = "/{id}", consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "Change a case (JSON merge patch, If-Match required)")
    ResponseEntity<CaseResponse> update(@PathVariable UUID id, @RequestBody JsonNode patch,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                        Caller caller) {
        CaseFile file = service.update(caller, id, current -> Bodies.mergePatch(current, patch, CaseDetails.class),
                Bodies.version(ifMatch));
        return ResponseEntity.ok().eTag(etag(file.record().version())).body(CaseResponse.of(file));
    }

    @GetMapping
    @Operation(summary = "Search the cases you may see; identifiedFrom/To filter on victims' identification dates")
    CasePage search(@RequestParam(required = false) String country, @RequestParam(required = false) String stage,
                    @RequestParam(required = false) String exploitation,
                    @RequestParam(required = false) LocalDate identifiedFrom,
                    @RequestParam(required = false) LocalDate identifiedTo,
                    @RequestParam(defaultValue = "0") @Min(0) int page,
                    @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                    @RequestParam(defaultValue = "-updatedAt") String sort, Caller caller) {
        Page<CaseRecord> found = service.search(caller, new CaseRecordService.Search(country, stage, exploitation,
                identifiedFrom, identifiedTo), PageRequest.of(page, size, sort(sort)));
        return new CasePage(found.getContent().stream().map(CaseSummary::of).toList(), page, size,
                found.getTotalElements(), found.getTotalPages());
    }

    @GetMapping("/{id}/victims")
    @Operation(summary = "The victims of a case you may see")
    List<VictimResponse> victims(@PathVariable UUID id, Caller caller) {
        return CaseResponse.of(service.get(caller, id)).victims();
    }

    @PostMapping(path = "/{id}/victims", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record a victim (VICTIM_IDENTIFICATION); victimKey links to a person already recorded "
            + "in the country, so that statistics count the person once", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = VictimDetails.class))))
    ResponseEntity<VictimResponse> addVictim(@PathVariable UUID id, @RequestBody JsonNode body, Caller caller) {
        String victimKey = Bodies.text(body, "victimKey");
        UUID sameVictimKey;
        try {
            sameVictimKey = victimKey == null ? null : UUID.fromString(victimKey);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "victimKey is a UUID.",
                    List.of(new FieldError("/victimKey", "FieldFormat", "A victim key is a UUID.")));
        }
        Victim victim = service.addVictim(caller, id, Bodies.read(body, VictimDetails.class, "coding", "victimKey"),
                Bodies.coding(body), sameVictimKey);
        return ResponseEntity.created(URI.create("/api/v1/cases/" + id + "/victims/" + victim.id()))
                .eTag(etag(victim.version())).body(VictimResponse.of(victim, false));
    }

    @PatchMapping(path = "/{id}/victims/{victimId}", consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "Change a victim's attributes (merge patch, If-Match); status changes need a supervisor")
    ResponseEntity<VictimResponse> updateVictim(@PathVariable UUID id, @PathVariable UUID victimId,
                                                @RequestBody JsonNode patch,
                                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                Caller caller) {
        Victim victim = service.updateVictim(caller, id, victimId,
                current -> Bodies.mergePatch(current, patch, VictimDetails.class), Bodies.version(ifMatch));
        return ResponseEntity.ok().eTag(etag(victim.version())).body(VictimResponse.of(victim, false));
    }

    @GetMapping("/{id}/suspects")
    List<SuspectResponse> suspects(@PathVariable UUID id, Caller caller) {
        return CaseResponse.of(service.get(caller, id)).suspects();
    }

    @PostMapping(path = "/{id}/suspects", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record a suspect (SUSPECT)", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = SuspectDetails.class))))
    ResponseEntity<SuspectResponse> addSuspect(@PathVariable UUID id, @RequestBody JsonNode body, Caller caller) {
        Suspect suspect = service.addSuspect(caller, id, Bodies.read(body, SuspectDetails.class, "coding"),
                Bodies.coding(body));
        return ResponseEntity.created(URI.create("/api/v1/cases/" + id + "/suspects/" + suspect.id()))
                .eTag(etag(suspect.version())).body(SuspectResponse.of(suspect, false));
    }

    @PatchMapping(path = "/{id}/suspects/{suspectId}", consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<SuspectResponse> updateSuspect(@PathVariable UUID id, @PathVariable UUID suspectId,
                                                  @RequestBody JsonNode patch,
                                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                  Caller caller) {
        Suspect suspect = service.updateSuspect(caller, id, suspectId,
                current -> Bodies.mergePatch(current, patch, SuspectDetails.class), Bodies.version(ifMatch));
        return ResponseEntity.ok().eTag(etag(suspect.version())).body(SuspectResponse.of(suspect, false));
    }

    @GetMapping("/{id}/proceedings")
    List<ProceedingResponse> proceedings(@PathVariable UUID id, Caller caller) {
        return CaseResponse.of(service.get(caller, id)).proceedings();
    }

    @PostMapping(path = "/{id}/proceedings", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record an act of criminal justice, by the institution whose act it is",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = ProceedingDetails.class))))
    ResponseEntity<ProceedingResponse> addProceeding(@PathVariable UUID id, @RequestBody JsonNode body, Caller caller) {
        ProceedingEvent event = service.addProceeding(caller, id, Bodies.read(body, ProceedingDetails.class, "coding"),
                Bodies.coding(body));
        return ResponseEntity.created(URI.create("/api/v1/cases/" + id + "/proceedings/" + event.id()))
                .eTag(etag(event.version())).body(ProceedingResponse.of(event, false));
    }

    @GetMapping("/{id}/assistance")
    List<AssistanceResponse> assistance(@PathVariable UUID id, Caller caller) {
        return CaseResponse.of(service.get(caller, id)).assistance();
    }

    @PostMapping(path = "/{id}/assistance", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record assistance to a victim (ASSISTANCE)", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = AssistanceDetails.class))))
    ResponseEntity<AssistanceResponse> addAssistance(@PathVariable UUID id, @RequestBody JsonNode body, Caller caller) {
        AssistanceEvent event = service.addAssistance(caller, id, Bodies.read(body, AssistanceDetails.class, "coding"),
                Bodies.coding(body));
        return ResponseEntity.created(URI.create("/api/v1/cases/" + id + "/assistance/" + event.id()))
                .eTag(etag(event.version())).body(AssistanceResponse.of(event, false));
    }

    @GetMapping("/{id}/shares")
    @Operation(summary = "Who the case is shared with (owning institution)")
    List<ShareResponse> shares(@PathVariable UUID id, Caller caller) {
        return CaseResponse.of(service.get(caller, id)).shares();
    }

    @PostMapping(path = "/{id}/shares", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Share the case (or one victim's part) with an institution of the country, for a reason")
    ResponseEntity<ShareResponse> share(@PathVariable UUID id, @RequestBody JsonNode body, Caller caller) {
        ShareRequest request = Bodies.read(body, ShareRequest.class);
        CaseShare share = service.share(caller, id, request.institution(), request.victimId(), request.rights(),
                request.reason());
        return ResponseEntity.created(URI.create("/api/v1/cases/" + id + "/shares/" + share.id()))
                .body(ShareResponse.of(share));
    }

    @DeleteMapping("/{id}/shares/{shareId}")
    @Operation(summary = "Revoke a share (owning institution)")
    ShareResponse revoke(@PathVariable UUID id, @PathVariable UUID shareId, Caller caller) {
        return ShareResponse.of(service.revoke(caller, id, shareId));
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "Every revision of the case and its parts, with author and institution (auditors, supervisors)")
    List<CaseHistory.Entry> history(@PathVariable UUID id, Caller caller) {
        return history.of(caller, id);
    }

    private static Sort sort(String sort) {
        boolean descending = sort.startsWith("-");
        String field = descending ? sort.substring(1) : sort;
        if (!List.of("openedOn", "updatedAt", "createdAt", "fileReference").contains(field)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Unknown sort.", List.of(new FieldError(
                    "/query/sort", "SortUnknown", "Sort by openedOn, updatedAt, createdAt or fileReference; '-' descends.")));
        }
        return descending ? Sort.by(field).descending() : Sort.by(field);
    }

    private static String etag(long version) {
        return org.tipis.platform.problem.ETags.of(version);
    }
}
