package org.tipis.caseregistry.identity.web;

import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tipis.caseregistry.identity.IdentityDetails;
import org.tipis.caseregistry.identity.IdentityService;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.ETags;

import io.swagger.v3.oas.annotations.Operation;

@RestController
@RequestMapping(path = "/api/v1/victims/{victimId}/identity", produces = MediaType.APPLICATION_JSON_VALUE)
class IdentityController {

    private final IdentityService service;

    IdentityController(IdentityService service) {
        this.service = service;
    }

    @GetMapping
    @Operation(summary = "A victim's identity, for the owning institution's officers and supervisors; "
            + "the purpose is required and logged")
    ResponseEntity<IdentityDetails> read(@PathVariable UUID victimId,
                                         @RequestParam(required = false) String purpose, Caller caller) {
        IdentityService.Identity identity = service.read(caller, victimId, purpose);
        return ResponseEntity.ok().eTag(ETags.of(identity.version())).body(identity.details());
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record or replace a victim's identity (encrypted per field)")
    ResponseEntity<Void> write(@PathVariable UUID victimId, @RequestBody IdentityDetails details,
                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                               Caller caller) {
        Long expected = ETags.version(ifMatch);
        IdentityService.Identity identity = service.write(caller, victimId, details, expected);
        return ResponseEntity.noContent().eTag(ETags.of(identity.version())).build();
    }
}
