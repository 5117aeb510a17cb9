package org.tipis.caseregistry.caserecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;
import org.tipis.caseregistry.reference.CodeListSnapshot;
import org.tipis.caseregistry.reference.ReferenceData;
import org.tipis.platform.problem.FieldError;

/**
 * Checks coded fields against the code-list versions a record names: the versions the client says it coded with,
 * or else the latest at the time of writing, which are then stored with the record.
 */
@Component
public class CodeChecker {

    private final ReferenceData referenceData;

    CodeChecker(ReferenceData referenceData) {
        this.referenceData = referenceData;
    }

    /** The versions to code with: those requested, completed with the latest version of each other list used. */
    public Map<String, Integer> versions(List<CodedField> fields, Map<String, Integer> requested,
                                         List<FieldError> errors) {
        Map<String, Integer> versions = new TreeMap<>();
        for (CodedField field : fields) {
            if (field.values().isEmpty() || versions.containsKey(field.list())) {
                continue;
            }
            Integer wanted = requested == null ? null : requested.get(field.list());
            versions.put(field.list(), wanted != null ? wanted : referenceData.latestVersion(field.list()));
        }
        return versions;
    }

    public List<FieldError> check(List<CodedField> fields, Map<String, Integer> versions) {
        List<FieldError> errors = new ArrayList<>();
        for (CodedField field : fields) {
            if (field.values().isEmpty()) {
                continue;
            }
            int version = versions.get(field.list());
            CodeListSnapshot list;
            try {
                list = referenceData.codeList(field.list(), version);
            } catch (org.tipis.platform.problem.ProblemException unknownVersion) {
                if (unknownVersion.type().status().is5xxServerError()) {
                    throw unknownVersion;
                }
                errors.add(FieldError.withArgs("/coding/" + field.list(), "CodeListVersionUnknown",
                        "Code list " + field.list() + " has no version " + version + ".", field.list(), version));
                continue;
            }
            int index = 0;
            for (String value : field.values()) {
                if (value == null || !list.contains(value)) {
                    String pointer = field.multi() ? field.pointer() + "/" + index : field.pointer();
                    errors.add(FieldError.withArgs(pointer, "CodeUnknown", "'" + printable(value)
                            + "' is not a code of " + field.list() + " version " + version + ".", printable(value),
                            field.list(), version));
                }
                index++;
            }
        }
        return errors;
    }

    private static String printable(String value) {
        if (value == null) {
            return "null";
        }
        String cut = value.length() > 40 ? value.substring(0, 40) : value;
        return cut.replaceAll("[^A-Za-z0-9_ -]", "?");
    }
}
