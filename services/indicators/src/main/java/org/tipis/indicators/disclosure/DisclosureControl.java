package org.tipis.indicators.disclosure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Small-cell suppression with complementary suppression. Cells counting 1 to k−1 persons are suppressed; then,
 * as long as an attacker could derive any suppressed cell from the published cells and the table's additive
 * relations ({@link Recovery}), a published cell of a line through that cell is suppressed too: preferably one
 * whose other lines already hide a cell (so that it is not exposed in turn), then non-zero before zero, the
 * innermost (margins last, so the totals stay published wherever the table allows), the smallest.
 * Zero cells are published: a true zero discloses nobody.
 */
public final class DisclosureControl {

    private DisclosureControl() {
    }

    public static Set<String> suppress(CellTable table, int k) {
        Set<String> suppressed = new HashSet<>();
        table.counts().forEach((cell, count) -> {
            if (count > 0 && count < k) {
                suppressed.add(cell);
            }
        });
        Map<String, List<List<String>>> linesThrough = new HashMap<>();
        for (List<String> line : table.lines()) {
            for (String cell : line) {
                linesThrough.computeIfAbsent(cell, c -> new ArrayList<>()).add(line);
            }
        }
        // the partner to give up: one whose other lines already hide a cell (so it is not exposed in turn), then a
        // non-zero cell before a zero, an inner cell before a margin (the grand total last), the smallest first
        Map<String, Integer> heads = new HashMap<>();
        table.lines().forEach(line -> heads.merge(line.getFirst(), 1, Integer::sum));
        java.util.function.ToIntFunction<String> exposedLines = c -> (int) linesThrough.getOrDefault(c, List.of())
                .stream().filter(line -> line.stream().noneMatch(suppressed::contains)).count();
        Comparator<String> preference = Comparator.comparingInt(exposedLines)
                .thenComparing((String c) -> table.counts().getOrDefault(c, 0L) == 0)
                .thenComparingInt(c -> heads.getOrDefault(c, 0))
                .thenComparingLong(c -> table.counts().getOrDefault(c, 0L)).thenComparing(c -> c);
        while (true) {
            Set<String> exposed = Recovery.determinable(table, suppressed);
            if (exposed.isEmpty()) {
                return suppressed;
            }
            // one partner for every exposed cell per round: a large report needs a few rounds, not one per cell
            boolean grew = false;
            Set<String> added = new HashSet<>();
            for (String cell : exposed.stream().sorted().toList()) {
                List<List<String>> through = linesThrough.getOrDefault(cell, List.of());
                if (through.stream().anyMatch(line -> line.stream().anyMatch(added::contains))) {
                    continue; // a partner added this round already changes this cell's lines; look again next round
                }
                Optional<String> partner = through.stream()
                        .flatMap(List::stream).filter(c -> !suppressed.contains(c)).min(preference);
                if (partner.isPresent()) {
                    suppressed.add(partner.get());
                    added.add(partner.get());
                    grew = true;
                }
            }
            if (!grew) {
                // every cell of every line through an exposed cell is suppressed: nothing more to hide
                return suppressed;
            }
        }
    }

    /** Base-5 rounding of a published count (0 stays 0; 1–2 → 0 would mislead, so they round up to 5). */
    public static long roundToFive(long count) {
        if (count == 0) {
            return 0;
        }
        return Math.max(5, Math.round(count / 5.0) * 5);
    }
}
