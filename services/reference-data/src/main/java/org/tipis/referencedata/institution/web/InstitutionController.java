package org.tipis.referencedata.institution.web;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.FieldError;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;
import org.tipis.referencedata.institution.Institution;
import org.tipis.referencedata.institution.InstitutionService;

import io.swagger.v3.oas.annotations.Operation;

@RestController
@Validated
@RequestMapping(path = "/api/v1/institutions", produces = MediaType.APPLICATION_JSON_VALUE)
class InstitutionController {

    private final InstitutionService service;

    InstitutionController(InstitutionService service) {
        this.service = service;
    }

    record PageResponse(List<InstitutionResponse> items, int page, int size, long totalItems, int totalPages) {
    }

    @GetMapping
    @Operation(summary = "Institutions of the caller's country (all countries for regional analysts and admins)")
    PageResponse search(@RequestParam(required = false) String country, @RequestParam(required = false) String kind,
                        @RequestParam(required = false) Boolean active,
                        @RequestParam(defaultValue = "0") @Min(0) int page,
                        @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                        @RequestParam(defaultValue = "id") String sort, Caller caller) {
        Sort order = switch (sort) {
            case "id", "name", "kind", "country" -> Sort.by(sort);
            default -> throw new ProblemException(ProblemType.VALIDATION_FAILED, "Unknown sort.", List.of(
                    new FieldError("/query/sort", "SortUnknown", "Sort by id, name, kind or country.")));
        };
        Page<Institution> found = service.search(caller, country, kind, active, PageRequest.of(page, size, order));
        return new PageResponse(found.map(i -> InstitutionResponse.of(i, service.allowedSections(i))).getContent(),
                page, size, found.getTotalElements(), found.getTotalPages());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One institution, with the sections of a case its kind may write")
    ResponseEntity<InstitutionResponse> get(@PathVariable String id, Caller caller) {
        Institution institution = service.get(caller, id);
        return ResponseEntity.ok().eTag(etag(institution))
                .body(InstitutionResponse.of(institution, service.allowedSections(institution)));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add an institution (registry-admin)")
    ResponseEntity<InstitutionResponse> create(@Valid @RequestBody InstitutionRequest request, Caller caller) {
        if (request.id() == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The id is required.",
                    List.of(new FieldError("/id", "NotBlank", "The id is required.")));
        }
        Institution created = service.create(caller, request.id(), request.details());
        return ResponseEntity.created(URI.create("/api/v1/institutions/" + created.id())).eTag(etag(created))
                .body(InstitutionResponse.of(created, service.allowedSections(created)));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change an institution (registry-admin); If-Match with the ETag read before")
    ResponseEntity<InstitutionResponse> update(@PathVariable String id, @Valid @RequestBody InstitutionRequest request,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                               String ifMatch, Caller caller) {
        Institution updated = service.update(caller, id, request.details(), version(ifMatch));
        return ResponseEntity.ok().eTag(etag(updated))
                .body(InstitutionResponse.of(updated, service.allowedSections(updated)));
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "Every change of an institution with its author (registry-admin, auditor of its country)")
    List<InstitutionService.HistoryEntry> history(@PathVariable String id, Caller caller) {
        return service.history(caller, id);
    }

    static String etag(Institution institution) {
        return org.tipis.platform.problem.ETags.of(institution.version());
    }

    static Long version(String ifMatch) {
        return org.tipis.platform.problem.ETags.version(ifMatch);
    }
}
