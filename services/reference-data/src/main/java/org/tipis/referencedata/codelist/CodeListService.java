package org.tipis.referencedata.codelist;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.FieldError;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;
import org.tipis.referencedata.codelist.persistence.CodeListStore;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads code list versions (cached: they never change) and publishes new ones. */
@Service
public class CodeListService {

    public static final String CASE_SECTION_LIST = "case-section";
    public static final String REGISTRY_ADMIN = "registry-admin";

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final CodeListStore store;
    private final Clock clock;
    private final Map<String, CodeListVersion> versions = new ConcurrentHashMap<>();

    public CodeListService(CodeListStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public List<CodeListStore.Summary> catalogue() {
        return store.summaries();
    }

    public List<CodeListStore.VersionSummary> versions(String listId) {
        List<CodeListStore.VersionSummary> all = store.versions(listId);
        if (all.isEmpty()) {
            throw unknownList(listId);
        }
        return all;
    }

    public int latestVersion(String listId) {
        return store.latestVersion(listId).orElseThrow(() -> unknownList(listId));
    }

    @Transactional(readOnly = true)
    public CodeListVersion version(String listId, Integer version) {
        int number = version == null ? latestVersion(listId) : version;
        String key = listId + "@" + number;
        CodeListVersion cached = versions.get(key);
        if (cached != null) {
            return cached;
        }
        CodeListVersion loaded = store.load(listId, number).orElseThrow(() -> store.listExists(listId)
                ? ProblemException.notFound("Code list '" + listId + "' has no version " + number + ".")
                : unknownList(listId));
        versions.put(key, loaded);
        return loaded;
    }

    /** Publishes version n+1 of a list (creating the list at version 1), as the caller. */
    @Transactional
    public CodeListVersion publish(String listId, CodeListDocument document, Integer expectedLatest, Caller caller) {
        if (!caller.hasRole(REGISTRY_ADMIN)) {
            throw ProblemException.forbidden("Only registry administrators publish code lists.");
        }
        return publish(listId, document, expectedLatest, caller.username());
    }

    @Transactional
    CodeListVersion publish(String listId, CodeListDocument document, Integer expectedLatest, String publishedBy) {
        if (!CodeListRules.isListId(listId)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid code list id.", List.of(
                    new FieldError("/id", "ListIdInvalid", "Use 2 to 64 lowercase letters, digits and hyphens.")));
        }
        List<FieldError> errors = CodeListRules.check(document, sectionCodes(listId, document));
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED,
                    "The code list version was not published: " + errors.size() + " problem(s).", errors);
        }
        Integer latest = store.latestVersion(listId).orElse(null);
        if (expectedLatest != null && !expectedLatest.equals(latest)) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "The list has changed: its latest version is " + latest + ", not " + expectedLatest + ".");
        }
        if (latest == null && !store.listExists(listId)) {
            store.createList(listId, document.country());
        }
        int next = latest == null ? 1 : latest + 1;
        CodeListVersion version = new CodeListVersion(UUID.randomUUID(), listId, next, Labels.of(document.names()),
                document.description(), document.country(), document.changeSummary(), document.changeReason(),
                contentHash(document), clock.instant(), publishedBy,
                document.codes().stream().map(c -> new CodeListVersion.Code(c.code(), c.parent(),
                        Labels.of(c.labels()), c.description(), c.flags(), c.validFrom(), c.validTo(),
                        c.mappings())).toList());
        try {
            store.insert(version);
        } catch (DuplicateKeyException concurrent) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "Another version of '" + listId + "' was published at the same time; read it and try again.");
        }
        return version;
    }

    private Set<String> sectionCodes(String listId, CodeListDocument document) {
        if (CASE_SECTION_LIST.equals(listId)) {
            return document.codes().stream().map(CodeListDocument.CodeDocument::code).collect(Collectors.toSet());
        }
        return store.latestVersion(CASE_SECTION_LIST)
                .map(v -> version(CASE_SECTION_LIST, v).codes().stream().map(CodeListVersion.Code::code)
                        .collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    /** A fingerprint of what a version says (not who published it or why), to detect changed shipped files. */
    public static String contentHash(CodeListDocument document) {
        CodeListDocument content = new CodeListDocument(null, null, document.names(), document.description(),
                document.country(), null, null, document.codes());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(CANONICAL.writeValueAsString(content).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ProblemException unknownList(String listId) {
        return ProblemException.notFound("There is no code list '" + listId + "'.");
    }
}
