package org.tipis.indicators.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class DisclosureControlTest {

    static final List<List<String>> DIMENSIONS = List.of(
            List.of("DETV", "SX", "FL", "OG", "OP"), List.of("_T", "F", "M"), List.of("_T", "Y0T17", "Y_GE18"));

    /** A consistent 16.2.2 cube from counts of the innermost cells (form × sex × age). */
    static CellTable cube(Map<String, Long> inner) {
        Map<String, Long> cells = CellTable.zeros(DIMENSIONS);
        inner.forEach((key, count) -> {
            String[] p = key.split("\\|");
            for (String form : List.of("DETV", p[0])) {
                for (String sex : List.of("_T", p[1])) {
                    for (String age : List.of("_T", p[2])) {
                        cells.merge(form + "|" + sex + "|" + age, count, Long::sum);
                    }
                }
            }
        });
        return new CellTable(cells, CellTable.linesOf(DIMENSIONS));
    }

    @Test
    void aLonelySmallCellIsProtectedByAPartner() {
        CellTable table = cube(Map.of("SX|F|Y0T17", 3L, "SX|F|Y_GE18", 40L, "FL|M|Y_GE18", 25L, "FL|F|Y_GE18", 12L));

        Set<String> suppressed = DisclosureControl.suppress(table, 5);

        assertThat(suppressed).contains("SX|F|Y0T17").hasSizeGreaterThan(1);
        assertThat(Recovery.determinable(table, suppressed)).isEmpty();
    }

    @Test
    void complementsSpareTheTotalsWhereTheTableAllows() {
        Map<String, Long> inner = new HashMap<>(Map.of("SX|F|Y0T17", 3L, "SX|F|Y_GE18", 40L, "SX|M|Y0T17", 12L,
                "SX|M|Y_GE18", 25L, "FL|M|Y_GE18", 30L, "FL|F|Y_GE18", 14L, "FL|M|Y0T17", 9L, "FL|F|Y0T17", 8L,
                "OP|F|Y_GE18", 7L, "OP|M|Y_GE18", 2L));
        CellTable table = cube(inner);

        Set<String> suppressed = DisclosureControl.suppress(table, 5);

        assertThat(suppressed).contains("SX|F|Y0T17", "OP|M|Y_GE18");
        assertThat(suppressed.stream().filter(c -> c.startsWith("DETV|"))).as("totals over all forms").isEmpty();
        assertThat(Recovery.determinable(table, suppressed)).isEmpty();
    }

    @Test
    void theAttackFindsALonelySuppressedCell() {
        CellTable table = cube(Map.of("SX|F|Y0T17", 3L, "SX|F|Y_GE18", 40L));

        assertThat(Recovery.determinable(table, Set.of("SX|F|Y0T17"))).contains("SX|F|Y0T17");
    }

    @Test
    void nothingIsSuppressedWhenEveryCellIsLargeOrZero() {
        CellTable table = cube(Map.of("SX|F|Y_GE18", 40L, "FL|M|Y_GE18", 25L));

        assertThat(DisclosureControl.suppress(table, 5)).isEmpty();
    }

    @RepeatedTest(25)
    void noSuppressedValueCanBeDerivedFromThePublishedMargins() {
        Random random = new Random();
        Map<String, Long> inner = new HashMap<>();
        for (String form : List.of("SX", "FL", "OG", "OP")) {
            for (String sex : List.of("F", "M")) {
                for (String age : List.of("Y0T17", "Y_GE18")) {
                    int roll = random.nextInt(10);
                    inner.put(form + "|" + sex + "|" + age, roll < 3 ? 0L : roll < 7 ? 1L + random.nextInt(6) : 5L + random.nextInt(60));
                }
            }
        }
        CellTable table = cube(inner);
        int k = 2 + random.nextInt(10);

        Set<String> suppressed = DisclosureControl.suppress(table, k);

        table.counts().forEach((cell, count) -> {
            if (count > 0 && count < k) {
                assertThat(suppressed).as("primary " + cell).contains(cell);
            }
        });
        assertThat(Recovery.determinable(table, suppressed)).as("derivable from the published cells").isEmpty();
    }

    @Test
    void roundsToBaseFive() {
        assertThat(DisclosureControl.roundToFive(0)).isZero();
        assertThat(DisclosureControl.roundToFive(2)).isEqualTo(5);
        assertThat(DisclosureControl.roundToFive(12)).isEqualTo(10);
        assertThat(DisclosureControl.roundToFive(13)).isEqualTo(15);
    }
}
