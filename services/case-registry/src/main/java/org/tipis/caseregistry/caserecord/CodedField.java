package org.tipis.caseregistry.caserecord;

import java.util.Collection;
import java.util.List;

/**
 * A field of a request that holds one code, or several, of a list.
 *
 * @param pointer JSON pointer of the field in the request
 * @param multi   whether the field is an array (errors then point at the element)
 */
public record CodedField(String pointer, String list, Collection<String> values, boolean multi) {

    public static CodedField of(String pointer, String list, String value) {
        return new CodedField(pointer, list, value == null ? List.of() : List.of(value), false);
    }

    public static CodedField of(String pointer, String list, Collection<String> values) {
        return new CodedField(pointer, list, values == null ? List.of() : values, true);
    }
}
