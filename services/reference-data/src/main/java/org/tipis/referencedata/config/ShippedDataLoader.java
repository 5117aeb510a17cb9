package org.tipis.referencedata.config;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.tipis.referencedata.codelist.ShippedCodeLists;
import org.tipis.referencedata.population.PopulationService;

/** Before the service reports ready: publish shipped code-list versions, then ship the population totals. */
@Component
class ShippedDataLoader implements ApplicationRunner {

    private final ShippedCodeLists codeLists;
    private final PopulationService populations;

    ShippedDataLoader(ShippedCodeLists codeLists, PopulationService populations) {
        this.codeLists = codeLists;
        this.populations = populations;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        codeLists.publishMissing();
        populations.loadShipped();
    }
}
