package org.tipis.referencedata.codelist;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.tipis.platform.audit.AuditOrigin;

import tools.jackson.databind.json.JsonMapper;

/**
 * The code lists shipped in {@code codelists/*.json}. At start-up each file's version is published if the
 * database does not have it yet. A shipped version that differs from the published one with the same number
 * stops the service: published versions are immutable, so a changed file must carry a new version number.
 */
@Component
public class ShippedCodeLists {

    private static final Logger log = LoggerFactory.getLogger(ShippedCodeLists.class);
    public static final String LOCATION = "classpath*:codelists/*.json";
    public static final String PUBLISHER = "tipis (shipped)";

    private final CodeListService service;
    private final JsonMapper json;

    public ShippedCodeLists(CodeListService service, JsonMapper json) {
        this.service = service;
        this.json = json;
    }

    public static List<CodeListDocument> read(JsonMapper json) throws IOException {
        List<CodeListDocument> documents = new ArrayList<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
            try (InputStream in = resource.getInputStream()) {
                documents.add(json.readValue(in, CodeListDocument.class));
            }
        }
        // case-section first: institution kinds map to its codes
        documents.sort(Comparator.comparing((CodeListDocument d) -> !CodeListService.CASE_SECTION_LIST.equals(d.id()))
                .thenComparing(CodeListDocument::id));
        return documents;
    }

    @Transactional
    public void publishMissing() throws IOException {
        int published = 0;
        for (CodeListDocument document : read(json)) {
            int shippedVersion = document.version() == null ? 1 : document.version();
            Integer latest = service.catalogue().stream().filter(s -> s.id().equals(document.id()))
                    .map(s -> s.latestVersion()).findFirst().orElse(0);
            if (latest >= shippedVersion) {
                String publishedHash = service.version(document.id(), shippedVersion).contentHash();
                if (!publishedHash.equals(CodeListService.contentHash(document))) {
                    throw new IllegalStateException("The shipped code list '" + document.id() + "' version "
                            + shippedVersion + " differs from the published version " + shippedVersion
                            + ". Published versions are immutable: give the changed file version " + (latest + 1)
                            + " with a changeSummary and changeReason.");
                }
                continue;
            }
            if (latest != shippedVersion - 1) {
                throw new IllegalStateException("The shipped code list '" + document.id() + "' is version "
                        + shippedVersion + " but the database has version " + latest + "; versions are consecutive.");
            }
            AuditOrigin.runAs("shipped-data", () -> service.publish(document.id(), document, latest == 0 ? null : latest,
                    PUBLISHER));
            published++;
        }
        if (published > 0) {
            log.info("Published {} shipped code list version(s)", published);
        }
    }
}
