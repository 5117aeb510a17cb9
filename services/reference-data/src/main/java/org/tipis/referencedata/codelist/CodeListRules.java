package org.tipis.referencedata.codelist;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.tipis.platform.problem.FieldError;
import org.tipis.referencedata.codelist.CodeListDocument.CodeDocument;

/**
 * What a code list version must satisfy to be published. Each rule has a stable code used in problems'
 * {@code errors[]}; the pointers are JSON pointers into the {@link CodeListDocument}.
 */
public final class CodeListRules {

    public static final Set<String> FLAGS =
            Set.of("international", "other-specify", "oas-member", "unknown", "prefer-not-to-say");
    static final Pattern LIST_ID = Pattern.compile("[a-z][a-z0-9-]{1,63}");
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9_]{1,64}");
    static final Pattern COUNTRY = Pattern.compile("[A-Z]{3}");

    private CodeListRules() {
    }

    public static boolean isListId(String id) {
        return id != null && LIST_ID.matcher(id).matches();
    }

    /**
     * @param sections the codes of the {@code case-section} list, to check {@link MappingScheme#TIPIS_SECTION}
     *                 targets against (empty when that list is not published yet)
     */
    public static List<FieldError> check(CodeListDocument document, Set<String> sections) {
        List<FieldError> errors = new ArrayList<>();
        Labels names = Labels.of(document.names());
        for (Language missing : names.missing()) {
            errors.add(new FieldError("/names/" + missing.tag(), "LabelMissing",
                    "The list's name is required in " + missing.tag() + "."));
        }
        if (document.country() != null && !COUNTRY.matcher(document.country()).matches()) {
            errors.add(new FieldError("/country", "CountryCodeInvalid", "Use an ISO 3166-1 alpha-3 code or null."));
        }
        if (blank(document.changeSummary())) {
            errors.add(new FieldError("/changeSummary", "ChangeSummaryMissing", "Say what changed."));
        }
        if (blank(document.changeReason())) {
            errors.add(new FieldError("/changeReason", "ChangeReasonMissing", "Say why it changed."));
        }
        if (document.codes().isEmpty()) {
            errors.add(new FieldError("/codes", "CodesMissing", "A code list has at least one code."));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < document.codes().size(); i++) {
            checkCode(document.codes().get(i), "/codes/" + i, seen, sections, errors);
        }
        return errors;
    }

    private static void checkCode(CodeDocument code, String at, Set<String> seen, Set<String> sections,
                                  List<FieldError> errors) {
        if (code == null) {
            errors.add(new FieldError(at, "CodeMissing", "An entry of codes is empty."));
            return;
        }
        if (code.code() == null || !CODE.matcher(code.code()).matches()) {
            errors.add(new FieldError(at + "/code", "CodeInvalid",
                    "A code is 1 to 64 letters, digits or underscores."));
        } else if (!seen.add(code.code())) {
            errors.add(new FieldError(at + "/code", "CodeDuplicated", "Each code appears once in a version."));
        }
        if (code.parent() != null && !seen.contains(code.parent())) {
            errors.add(new FieldError(at + "/parent", "ParentUnknown",
                    "The parent must be a code listed before this one."));
        }
        for (Language missing : Labels.of(code.labels()).missing()) {
            errors.add(new FieldError(at + "/labels/" + missing.tag(), "LabelMissing",
                    "Every code has a label in en, es, fr and pt; " + missing.tag() + " is missing."));
        }
        for (int f = 0; f < code.flags().size(); f++) {
            if (!FLAGS.contains(code.flags().get(f))) {
                errors.add(new FieldError(at + "/flags/" + f, "FlagUnknown", "Allowed flags: " + FLAGS + "."));
            }
        }
        if (code.validFrom() != null && code.validTo() != null && code.validTo().isBefore(code.validFrom())) {
            errors.add(new FieldError(at + "/validTo", "ValidityInverted", "validTo is before validFrom."));
        }
        for (Map.Entry<String, List<String>> mapping : code.mappings().entrySet()) {
            Optional<MappingScheme> scheme = MappingScheme.named(mapping.getKey());
            String pointer = at + "/mappings/" + mapping.getKey();
            if (scheme.isEmpty()) {
                errors.add(new FieldError(pointer, "MappingSchemeUnknown", "Unknown classification scheme."));
                continue;
            }
            List<String> targets = mapping.getValue() == null ? List.of() : mapping.getValue();
            for (int t = 0; t < targets.size(); t++) {
                String target = targets.get(t);
                boolean known = scheme.get().accepts(target)
                        && (scheme.get() != MappingScheme.TIPIS_SECTION || sections.isEmpty()
                        || sections.contains(target));
                if (!known) {
                    errors.add(new FieldError(pointer + "/" + t, "MappingTargetUnknown",
                            "Not a code of " + scheme.get().name() + "."));
                }
            }
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
