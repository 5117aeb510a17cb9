package org.tipis.caseregistry.me;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tipis.platform.caller.Caller;

import io.swagger.v3.oas.annotations.Operation;

/** Who the system takes the caller to be: the first thing a new user or integration checks. */
@RestController
@RequestMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
class MeController {

    @GetMapping
    @Operation(summary = "The caller as established by the access token: username, roles, country, institution")
    MeResponse me(Caller caller) {
        return MeResponse.of(caller);
    }
}
