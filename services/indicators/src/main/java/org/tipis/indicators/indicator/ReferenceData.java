package org.tipis.indicators.indicator;

import java.time.Duration;
import java.util.HashMap;
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
 * What the indicators need from reference-data: code mappings (per code-list version, cached for good) and the
 * population version in use (cached briefly).
 */
@Component
public class ReferenceData {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReferenceData.class);

    private final RestClient http;
    private final Map<String, Map<String, String>> mappings = new ConcurrentHashMap<>();
    private final Cache<String, Optional<Population>> populations =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(5000).build();
    private final Cache<String, Boolean> countries = Caffeine.newBuilder().maximumSize(1000).build();

    ReferenceData(ServiceClients clients, @Value("${tipis.reference-data.uri}") String uri) {
        this.http = clients.forBaseUrl(uri);
    }

    /** The population version in use for a country-year: figures by (sex, age group). */
    public record Population(int version, String source, Map<String, Long> figures) {

        public Optional<Long> of(String sex, String age) {
            return Optional.ofNullable(figures.get(sex + "|" + age));
        }
    }

    /** code → the single target of {@code scheme} in that version of the list (codes without it are absent). */
    public Map<String, String> mapping(String listId, int version, String scheme) {
        return mappings.computeIfAbsent(listId + "@" + version + "#" + scheme, key -> {
            JsonNode list = fetch("/api/v1/code-lists/" + listId + "?version=" + version);
            if (list == null) {
                throw new IllegalStateException("code list " + listId + " version " + version + " is unknown");
            }
            Map<String, String> result = new HashMap<>();
            for (JsonNode code : list.get("codes")) {
                JsonNode targets = code.get("mappings").get(scheme);
                if (targets != null && !targets.isEmpty()) {
                    result.put(code.get("code").asString(), targets.get(0).asString());
                }
            }
            return Map.copyOf(result);
        });
    }

    public int latestVersion(String listId) {
        JsonNode list = fetch("/api/v1/code-lists/" + listId);
        return list.get("version").asInt();
    }

    /** The ISO alpha-3 codes of the OAS member states (flag oas-member in the country list). */
    public java.util.List<String> oasMembers() {
        JsonNode list = fetch("/api/v1/code-lists/country");
        java.util.List<String> members = new java.util.ArrayList<>();
        for (JsonNode code : list.get("codes")) {
            if (code.get("flags").toString().contains("oas-member")) {
                members.add(code.get("code").asString());
            }
        }
        return members;
    }

    /** M49 as SDMX REF_AREA writes it (no leading zeros). */
    public String m49(String country) {
        JsonNode code = fetch("/api/v1/code-lists/country/codes/" + country);
        String m49 = code.get("code").get("mappings").get("M49").get(0).asString();
        return String.valueOf(Integer.parseInt(m49));
    }

    public boolean isCountry(String code) {
        return countries.get(code, c -> fetch("/api/v1/code-lists/country/codes/" + c) != null);
    }

    public Optional<Population> population(String country, int year) {
        return populations.get(country + "|" + year, key -> {
            JsonNode body = fetch("/api/v1/populations?country=" + country + "&year=" + year);
            if (body == null) {
                return Optional.empty();
            }
            Map<String, Long> figures = new HashMap<>();
            for (JsonNode figure : body.get("figures")) {
                figures.put(figure.get("sex").asString() + "|" + figure.get("ageGroup").asString(),
                        figure.get("population").asLong());
            }
            return Optional.of(new Population(body.get("dataset").get("version").asInt(),
                    body.get("dataset").get("source").asString(), Map.copyOf(figures)));
        });
    }

    private JsonNode fetch(String path) {
        try {
            return http.get().uri(path).retrieve().body(JsonNode.class);
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
                "Reference data cannot be reached; try again later.");
    }
}
