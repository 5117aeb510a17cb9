package org.tipis.caseregistry.upload.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tipis.caseregistry.upload.UploadFormat;
import org.tipis.caseregistry.upload.UploadTemplate;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.FieldError;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;

import io.swagger.v3.oas.annotations.Operation;

/** The upload template to download and fill in (docs/upload-format.md): XLSX with drop-downs, or the CSV header. */
@RestController
class UploadTemplateController {

    private final UploadTemplate templates;

    UploadTemplateController(UploadTemplate templates) {
        this.templates = templates;
    }

    @GetMapping(path = "/api/v1/uploads/templates/{format}",
            produces = {UploadFormat.XLSX_TYPE, "text/csv", MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "The upload template: format xlsx (data sheet with the documented columns, drop-downs of the "
            + "code lists' labels and column help in the language of lang or Accept-Language: en, es, fr, pt; a readme "
            + "sheet) or csv (the header line). ETag and If-None-Match for caching.")
    ResponseEntity<byte[]> template(@PathVariable String format, @RequestParam(required = false) String lang,
                                    @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
                                    @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                    Caller caller) {
        UploadFormat chosen = switch (format.toLowerCase(Locale.ROOT)) {
            case "xlsx" -> UploadFormat.XLSX;
            case "csv" -> UploadFormat.CSV;
            default -> throw new ProblemException(ProblemType.NOT_FOUND, "Templates exist for xlsx and csv.",
                    List.of(new FieldError("/path/format", "TemplateFormatUnknown", "Use xlsx or csv.")));
        };
        String language = UploadTemplate.language(lang != null ? lang : preferred(acceptLanguage));
        String etag = templates.etag(chosen, language);
        CacheControl cache = CacheControl.maxAge(Duration.ofHours(1)).cachePrivate();
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).build();
        }
        UploadTemplate.Template template = templates.template(chosen, language);
        return ResponseEntity.ok().eTag(template.etag()).cacheControl(cache)
                .header(HttpHeaders.CONTENT_LANGUAGE, language)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + template.fileName() + "\"")
                .contentType(MediaType.parseMediaType(template.mediaType())).body(template.body());
    }

    /** The first of en, es, fr, pt in an Accept-Language header, else null. */
    private static String preferred(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return null;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                String tag = range.getRange();
                String lang = tag.length() >= 2 ? tag.substring(0, 2).toLowerCase(Locale.ROOT) : tag;
                if (UploadTemplate.LANGUAGES.contains(lang)) {
                    return lang;
                }
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
