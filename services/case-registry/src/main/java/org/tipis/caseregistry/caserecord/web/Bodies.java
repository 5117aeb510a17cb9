package org.tipis.caseregistry.caserecord.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tipis.platform.problem.FieldError;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies: unknown fields are reported (never silently dropped), type errors point at their field, and
 * PATCH applies a JSON merge patch (RFC 7396) onto the current state before the whole result is validated.
 */
final class Bodies {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Bodies() {
    }

    /** Reads {@code node} as {@code type}; {@code extra} names fields handled by the caller (coding, onBehalfOf). */
    static <T extends Record> T read(JsonNode node, Class<T> type, String... extra) {
        if (node == null || !node.isObject()) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "The body must be a JSON object.");
        }
        Set<String> known = new HashSet<>(Arrays.asList(extra));
        Arrays.stream(type.getRecordComponents()).forEach(c -> known.add(c.getName()));
        List<FieldError> errors = new ArrayList<>();
        for (String name : node.propertyNames()) {
            if (!known.contains(name)) {
                errors.add(new FieldError("/" + safe(name), "FieldUnknown", "Unknown field; see the API document."));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The body has unknown fields.", errors);
        }
        ObjectNode fields = ((ObjectNode) node).deepCopy();
        for (String name : extra) {
            fields.remove(name);
        }
        try {
            return JSON.treeToValue(fields, type);
        } catch (DatabindException e) {
            StringBuilder pointer = new StringBuilder();
            e.getPath().forEach(ref -> pointer.append('/')
                    .append(ref.getPropertyName() != null ? safe(ref.getPropertyName()) : ref.getIndex()));
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "A field has the wrong type or format.",
                    List.of(new FieldError(pointer.toString(), "FieldFormat",
                            "Wrong type or format (dates are YYYY-MM-DD, ids are UUIDs, lists are arrays).")));
        }
    }

    /** The code-list versions the client says it coded with, if any: {"coding": {"sex": 1}}. */
    static Map<String, Integer> coding(JsonNode node) {
        JsonNode coding = node == null ? null : node.get("coding");
        if (coding == null || coding.isNull()) {
            return Map.of();
        }
        try {
            return JSON.treeToValue(coding, new TypeReference<Map<String, Integer>>() { });
        } catch (DatabindException e) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "coding maps list ids to version numbers.",
                    List.of(new FieldError("/coding", "FieldFormat", "Example: {\"sex\": 1}.")));
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** RFC 7396: members of the patch replace the target's, null removes, objects merge recursively. */
    static <T extends Record> T mergePatch(T current, JsonNode patch, Class<T> type) {
        if (patch == null || !patch.isObject()) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "A merge patch is a JSON object.");
        }
        ObjectNode target = JSON.valueToTree(current);
        merge(target, (ObjectNode) patch);
        return read(target, type, "coding");
    }

    private static void merge(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (member.getValue().isNull()) {
                target.remove(member.getKey());
            } else if (member.getValue().isObject() && target.get(member.getKey()) instanceof ObjectNode nested) {
                merge(nested, (ObjectNode) member.getValue());
            } else {
                target.set(member.getKey(), member.getValue());
            }
        }
    }

    static Long version(String ifMatch) {
        return org.tipis.platform.problem.ETags.version(ifMatch);
    }

    private static String safe(String name) {
        String cut = name.length() > 64 ? name.substring(0, 64) : name;
        return cut.replaceAll("[^A-Za-z0-9_-]", "?");
    }
}
