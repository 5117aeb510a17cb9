package org.tipis.indicators.disclosure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an attacker can derive: solves the table's lines (total = sum of parts) for the unpublished cells by Gaussian
 * elimination and reports every unpublished cell whose value is uniquely determined by the published ones.
 */
public final class Recovery {

    private static final double EPSILON = 1e-9;

    private Recovery() {
    }

    public static Set<String> determinable(CellTable table, Set<String> hidden) {
        List<String> unknowns = new ArrayList<>(hidden);
        Map<String, Integer> column = new java.util.HashMap<>();
        for (int i = 0; i < unknowns.size(); i++) {
            column.put(unknowns.get(i), i);
        }
        List<double[]> rows = new ArrayList<>();
        for (List<String> line : table.lines()) {
            double[] row = new double[unknowns.size() + 1];
            boolean involvesUnknown = false;
            for (int i = 0; i < line.size(); i++) {
                double sign = i == 0 ? 1 : -1;
                String cell = line.get(i);
                Integer c = column.get(cell);
                if (c != null) {
                    row[c] += sign;
                    involvesUnknown = true;
                } else {
                    row[unknowns.size()] -= sign * table.counts().getOrDefault(cell, 0L);
                }
            }
            if (involvesUnknown) {
                rows.add(row);
            }
        }
        reduce(rows, unknowns.size());
        Set<String> determined = new HashSet<>();
        for (double[] row : rows) {
            int nonZero = -1;
            int count = 0;
            for (int c = 0; c < unknowns.size(); c++) {
                if (Math.abs(row[c]) > EPSILON) {
                    nonZero = c;
                    count++;
                }
            }
            if (count == 1) {
                determined.add(unknowns.get(nonZero));
            }
        }
        return determined;
    }

    /** Reduced row echelon form, in place. */
    private static void reduce(List<double[]> rows, int columns) {
        int lead = 0;
        for (int c = 0; c < columns && lead < rows.size(); c++) {
            int pivot = -1;
            for (int r = lead; r < rows.size(); r++) {
                if (Math.abs(rows.get(r)[c]) > EPSILON) {
                    pivot = r;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            double[] swap = rows.get(pivot);
            rows.set(pivot, rows.get(lead));
            rows.set(lead, swap);
            double[] p = rows.get(lead);
            double factor = p[c];
            for (int k = 0; k <= columns; k++) {
                p[k] /= factor;
            }
            for (int r = 0; r < rows.size(); r++) {
                if (r == lead) {
                    continue;
                }
                double[] row = rows.get(r);
                double f = row[c];
                if (Math.abs(f) > EPSILON) {
                    for (int k = 0; k <= columns; k++) {
                        row[k] -= f * p[k];
                    }
                }
            }
            lead++;
        }
        Set<Integer> empty = new HashSet<>();
        for (int r = 0; r < rows.size(); r++) {
            boolean zero = true;
            for (int k = 0; k < columns; k++) {
                if (Math.abs(rows.get(r)[k]) > EPSILON) {
                    zero = false;
                    break;
                }
            }
            if (zero) {
                empty.add(r);
            }
        }
        for (int r = rows.size() - 1; r >= 0; r--) {
            if (empty.contains(r)) {
                rows.remove(r);
            }
        }
    }
}
