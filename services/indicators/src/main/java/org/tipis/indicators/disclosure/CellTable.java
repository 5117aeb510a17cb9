package org.tipis.indicators.disclosure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of counts with its additive relations ("lines"): each line says total = sum of parts. An attacker who
 * sees the published cells may solve the lines for unpublished ones; {@link DisclosureControl} prevents that.
 *
 * @param counts cell key → count
 * @param lines  each line: the total cell first, then its parts
 */
public record CellTable(Map<String, Long> counts, List<List<String>> lines) {

    public CellTable {
        counts = Map.copyOf(counts);
        lines = lines.stream().map(List::copyOf).toList();
    }

    /** The lines of a cube of dimensions whose first value is the total of the others. */
    public static List<List<String>> linesOf(List<List<String>> dimensions) {
        List<List<String>> lines = new ArrayList<>();
        List<List<String>> combos = combinations(dimensions);
        for (int d = 0; d < dimensions.size(); d++) {
            for (List<String> combo : combos) {
                if (!combo.get(d).equals(dimensions.get(d).getFirst())) {
                    continue;
                }
                List<String> line = new ArrayList<>();
                line.add(String.join("|", combo));
                for (String part : dimensions.get(d).subList(1, dimensions.get(d).size())) {
                    List<String> cell = new ArrayList<>(combo);
                    cell.set(d, part);
                    line.add(String.join("|", cell));
                }
                lines.add(line);
            }
        }
        return lines;
    }

    static List<List<String>> combinations(List<List<String>> dimensions) {
        List<List<String>> result = new ArrayList<>();
        result.add(List.of());
        for (List<String> dimension : dimensions) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : result) {
                for (String value : dimension) {
                    List<String> combo = new ArrayList<>(prefix);
                    combo.add(value);
                    next.add(combo);
                }
            }
            result = next;
        }
        return result;
    }

    static Map<String, Long> zeros(List<List<String>> dimensions) {
        Map<String, Long> cells = new LinkedHashMap<>();
        combinations(dimensions).forEach(c -> cells.put(String.join("|", c), 0L));
        return cells;
    }
}
