package org.tipis.indicators.indicator.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tipis.indicators.indicator.Sdg1622;
import org.tipis.platform.caller.Caller;

import io.swagger.v3.oas.annotations.Operation;

@RestController
class Sdg1622Controller {

    private final Sdg1622 sdg;

    Sdg1622Controller(Sdg1622 sdg) {
        this.sdg = sdg;
    }

    @GetMapping(path = "/api/v1/indicators/sdg-16-2-2", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "SDG 16.2.2 for a country-year: detected victims by sex, age and form of exploitation, "
            + "rates per 100,000 and the age-sex distribution, as SDMX-coded observations with provenance "
            + "(national analysts and approvers of the country; disclosure-controlled except for approvers)")
    Sdg1622.Table sdg1622(@RequestParam String country, @RequestParam int year,
                          @RequestParam(defaultValue = "false") boolean roundToFive, Caller caller) {
        return sdg.compute(caller, country, year, roundToFive);
    }
}
