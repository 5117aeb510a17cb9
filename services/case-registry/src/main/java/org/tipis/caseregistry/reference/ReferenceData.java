package org.tipis.caseregistry.reference;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;
import org.tipis.platform.problem.SafeThrowables;
import org.tipis.platform.serviceclient.ServiceClients;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import tools.jackson.databind.JsonNode;

/**
 * The registry's view of reference-data, over HTTP with the registry's own service account. Code list versions
 * never change, so they are cached for good; "latest" and institutions are cached briefly. When reference-data
 * cannot be reached, writes that need it fail with 503 rather than accept unchecked codes.
 */
@Component
public class ReferenceData {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReferenceData.class);

    private final RestClient http;
    private final Map<String, CodeListSnapshot> versions = new ConcurrentHashMap<>();
    private final Cache<String, Integer> latest = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(5)).build();
    private final Cache<String, Boolean> missing = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(5)).build();
    private final Cache<String, Optional<InstitutionInfo>> institutions =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(2)).maximumSize(10_000).build();

    public ReferenceData(ServiceClients clients,
                         @Value("${tipis.reference-data.uri:${REFERENCE_DATA_URI:http://127.0.0.1:8083}}") String uri) {
        this.http = clients.forBaseUrl(uri);
    }

    public int latestVersion(String listId) {
        Integer cached = latest.getIfPresent(listId);
        if (cached != null) {
            return cached;
        }
        if (missing.getIfPresent(listId) != null) {
            throw unknownList(listId, null);
        }
        return codeList(listId, null).version();
    }

    /** Whether a list exists (e.g. a country's own ethnicity list); the answer is cached either way. */
    public boolean hasList(String listId) {
        // answered from the caches without an exception: bulk uploads ask this once per row
        if (latest.getIfPresent(listId) != null) {
            return true;
        }
        if (missing.getIfPresent(listId) != null) {
            return false;
        }
        try {
            latestVersion(listId);
            return true;
        } catch (ProblemException e) {
            if (e.type().status().is5xxServerError()) {
                throw e;
            }
            return false;
        }
    }

    public CodeListSnapshot codeList(String listId, Integer version) {
        if (version != null) {
            CodeListSnapshot cached = versions.get(listId + "@" + version);
            if (cached != null) {
                return cached;
            }
        }
        JsonNode body = fetch("/api/v1/code-lists/{id}" + (version == null ? "" : "?version=" + version), listId);
        if (body == null) {
            if (version == null) {
                missing.put(listId, Boolean.TRUE);
            }
            throw unknownList(listId, version);
        }
        Map<String, CodeListSnapshot.Entry> codes = new LinkedHashMap<>();
        for (JsonNode code : body.get("codes")) {
            Map<String, String> labels = new LinkedHashMap<>();
            code.get("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
            Map<String, List<String>> mappings = new LinkedHashMap<>();
            code.get("mappings").properties().forEach(e -> mappings.put(e.getKey(),
                    e.getValue().valueStream().map(JsonNode::asString).toList()));
            codes.put(code.get("code").asString(), new CodeListSnapshot.Entry(code.get("code").asString(),
                    code.get("parent").isNull() ? null : code.get("parent").asString(), labels,
                    code.get("flags").valueStream().map(JsonNode::asString).toList(), mappings));
        }
        CodeListSnapshot snapshot = new CodeListSnapshot(listId, body.get("version").asInt(), codes);
        versions.put(listId + "@" + snapshot.version(), snapshot);
        if (version == null) {
            latest.put(listId, snapshot.version());
        }
        return snapshot;
    }

    public Optional<InstitutionInfo> institution(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return institutions.get(id, key -> {
            JsonNode body = fetch("/api/v1/institutions/{id}", key);
            if (body == null) {
                return Optional.empty();
            }
            return Optional.of(new InstitutionInfo(body.get("id").asString(),
                    body.get("country").isNull() ? null : body.get("country").asString(), body.get("kind").asString(),
                    body.get("active").asBoolean(),
                    body.get("allowedSections").valueStream().map(JsonNode::asString).toList()));
        });
    }

    private static ProblemException unknownList(String listId, Integer version) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "Unknown code list '" + listId
                + (version == null ? "'." : "' version " + version + "."));
    }

    /** The body, or null for 404; anything else is a dependency failure. */
    private JsonNode fetch(String path, String variable) {
        try {
            return http.get().uri(path, variable).retrieve().body(JsonNode.class);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return null;
            }
            throw unavailable(e);
        } catch (RestClientException | IllegalStateException e) {
            throw unavailable(e);
        }
    }

    private static ProblemException unavailable(Exception e) {
        log.warn("reference-data call failed: {}", SafeThrowables.describe(e));
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                "Reference data cannot be reached to check codes; nothing was written. Try again later.");
    }
}
