package org.tipis.indicators.disclosure;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Small-cell suppression with complementary suppression. Cells counting 1 to k−1 persons are suppressed; then,
 * as long as an attacker could derive any suppressed cell from the published cells and the table's additive
 * relations ({@link Recovery}), the smallest published cell of a line through that cell is suppressed too.
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
        while (true) {
            Set<String> exposed = Recovery.determinable(table, suppressed);
            if (exposed.isEmpty()) {
                return suppressed;
            }
            boolean grew = false;
            for (String cell : exposed) {
                Optional<String> partner = table.lines().stream().filter(line -> line.contains(cell))
                        .flatMap(List::stream).filter(c -> !suppressed.contains(c))
                        .min(Comparator.comparingLong((String c) -> table.counts().getOrDefault(c, 0L) == 0
                                ? Long.MAX_VALUE : table.counts().getOrDefault(c, 0L)).thenComparing(c -> c));
                if (partner.isPresent()) {
                    suppressed.add(partner.get());
                    grew = true;
                    break;
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
