package org.tipis.referencedata.codelist.web;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;
import org.tipis.referencedata.codelist.CodeListDocument;
import org.tipis.referencedata.codelist.CodeListService;
import org.tipis.referencedata.codelist.CodeListVersion;
import org.tipis.referencedata.codelist.Language;
import org.tipis.referencedata.codelist.web.CodeListResponses.Catalogue;
import org.tipis.referencedata.codelist.web.CodeListResponses.CatalogueEntry;
import org.tipis.referencedata.codelist.web.CodeListResponses.CodeEntry;
import org.tipis.referencedata.codelist.web.CodeListResponses.CodeListResponse;
import org.tipis.referencedata.codelist.web.CodeListResponses.CodeResponse;
import org.tipis.referencedata.codelist.web.CodeListResponses.VersionEntry;
import org.tipis.referencedata.codelist.web.CodeListResponses.Versions;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * The shared dictionary: every variable's categories, in four languages, with their mappings to SDG SDMX, UNODC
 * GLOTIP, ICCS and ISO. A named version never changes, so it is cacheable for good; the latest version is cached
 * briefly and revalidated by ETag.
 */
@RestController
@RequestMapping(path = "/api/v1/code-lists", produces = MediaType.APPLICATION_JSON_VALUE)
class CodeListController {

    private static final CacheControl LATEST = CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate();
    private static final CacheControl PINNED = CacheControl.maxAge(Duration.ofDays(365)).cachePrivate().immutable();

    private final CodeListService service;

    CodeListController(CodeListService service) {
        this.service = service;
    }

    @GetMapping
    @Operation(summary = "All code lists with their latest version, names in the chosen language")
    Catalogue catalogue(@RequestParam(required = false) String lang,
                        @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        Language language = Language.choose(lang, acceptLanguage);
        return new Catalogue(language.tag(),
                service.catalogue().stream().map(s -> CatalogueEntry.of(s, language)).toList());
    }

    @GetMapping("/{id}")
    @Operation(summary = "A code list version (latest unless ?version=), labels in ?lang= or Accept-Language")
    ResponseEntity<CodeListResponse> codeList(@PathVariable String id,
                                              @RequestParam(required = false) Integer version,
                                              @Parameter(description = "en, es, fr or pt")
                                              @RequestParam(required = false) String lang,
                                              @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                                              String acceptLanguage,
                                              @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
                                              String ifNoneMatch) {
        Language language = Language.choose(lang, acceptLanguage);
        CodeListVersion found = service.version(id, version);
        String etag = etag(found, language.tag());
        CacheControl cache = version == null ? LATEST : PINNED;
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(cache).header(HttpHeaders.VARY, "Accept-Language")
                .body(CodeListResponse.of(found, service.latestVersion(id), language));
    }

    @GetMapping("/{id}/codes/{code}")
    @Operation(summary = "One code of a code list version")
    ResponseEntity<CodeResponse> code(@PathVariable String id, @PathVariable String code,
                                      @RequestParam(required = false) Integer version,
                                      @RequestParam(required = false) String lang,
                                      @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                                      String acceptLanguage) {
        Language language = Language.choose(lang, acceptLanguage);
        CodeListVersion found = service.version(id, version);
        CodeListVersion.Code entry = found.code(code).orElseThrow(() -> ProblemException.notFound(
                "Code list '" + id + "' version " + found.version() + " has no code '" + safe(code) + "'."));
        return ResponseEntity.ok().cacheControl(version == null ? LATEST : PINNED)
                .body(new CodeResponse(id, found.version(), language.tag(), CodeEntry.of(entry, language)));
    }

    @GetMapping("/{id}/versions")
    @Operation(summary = "Every published version of a code list, with what changed and why")
    Versions versions(@PathVariable String id) {
        return new Versions(id, service.versions(id).stream().map(VersionEntry::of).toList());
    }

    @GetMapping(path = "/{id}/export", produces = {"text/csv", MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "A code list version as CSV or as JSON (the document format that publishes versions)")
    ResponseEntity<?> export(@PathVariable String id, @RequestParam(required = false) Integer version,
                             @Parameter(description = "csv or json") @RequestParam(defaultValue = "json") String format) {
        CodeListVersion found = service.version(id, version);
        String filename = id + "-v" + found.version();
        return switch (format) {
            case "csv" -> ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + ".csv\"")
                    .eTag(etag(found, "csv")).body(CodeListCsv.of(found));
            case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + ".json\"")
                    .eTag(etag(found, "json")).body(found.toDocument());
            default -> throw new ProblemException(ProblemType.VALIDATION_FAILED, "format is csv or json.",
                    java.util.List.of(new org.tipis.platform.problem.FieldError("/query/format", "FormatUnknown",
                            "Use csv or json.")));
        };
    }

    @PostMapping(path = "/{id}/versions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Publish the next version of a code list (registry-admin); If-Match: the latest version's ETag")
    ResponseEntity<CodeListResponse> publish(@PathVariable String id, @RequestBody CodeListDocument document,
                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                             Caller caller) {
        CodeListVersion published = service.publish(id, document, expectedVersion(id, ifMatch), caller);
        return ResponseEntity.created(URI.create("/api/v1/code-lists/" + id + "?version=" + published.version()))
                .eTag(etag(published, Language.EN.tag()))
                .body(CodeListResponse.of(published, published.version(), Language.EN));
    }

    /** If-Match names the latest version as its ETag ("id-vN-…"); a stale one gives 412. */
    private static Integer expectedVersion(String id, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || "*".equals(ifMatch.trim())) {
            return null;
        }
        String prefix = "\"" + id + "-v";
        String tag = ifMatch.trim().replaceFirst("^W/", "");
        if (tag.startsWith(prefix)) {
            String rest = tag.substring(prefix.length());
            int dash = rest.indexOf('-');
            try {
                return Integer.parseInt(dash > 0 ? rest.substring(0, dash) : rest.replace("\"", ""));
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        throw new ProblemException(ProblemType.PRECONDITION_FAILED, "If-Match does not name a version of this list.");
    }

    private static String etag(CodeListVersion version, String variant) {
        return "\"" + version.listId() + "-v" + version.version() + "-" + variant + "\"";
    }

    private static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9_-]", "?");
    }
}
