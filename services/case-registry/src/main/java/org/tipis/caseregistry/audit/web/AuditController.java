package org.tipis.caseregistry.audit.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tipis.caseregistry.audit.AccessLog;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.ProblemException;

import io.swagger.v3.oas.annotations.Operation;

@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
class AuditController {

    private final AccessLog accessLog;

    AuditController(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @GetMapping("/verify")
    @Operation(summary = "Recompute the access log's hash chain and report the first broken entry (auditors)")
    AccessLog.Verification verify(Caller caller) {
        if (!caller.hasRole("auditor")) {
            throw ProblemException.forbidden("Only auditors verify the access log.");
        }
        return accessLog.verify();
    }
}
