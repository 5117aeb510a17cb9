package org.tipis.caseregistry.upload;

/**
 * The victim references seen so far in a file, to find the ones that appear twice, in constant memory per row: a
 * 64-bit hash of each reference in an open-addressing table (16 bytes per row at most, not a String per row), so
 * that a file of millions of rows keeps the heap flat. Two different references count as the same with a
 * probability of about n²/2⁶⁵ (3·10⁻⁸ for a million rows); the row would then be reported as a repeated
 * reference, never written wrongly.
 */
final class VictimRefs {

    private long[] slots = new long[1 << 12];
    private boolean zeroSeen;
    private int size;

    /** Adds a reference; false when it was there already. */
    boolean add(String ref) {
        long hash = hash(ref);
        if (hash == 0) {
            boolean added = !zeroSeen;
            zeroSeen = true;
            return added;
        }
        if (size * 2 >= slots.length) {
            grow();
        }
        boolean added = insert(slots, hash);
        if (added) {
            size++;
        }
        return added;
    }

    private boolean insert(long[] table, long hash) {
        int mask = table.length - 1;
        int i = (int) (hash ^ (hash >>> 32)) & mask;
        while (table[i] != 0) {
            if (table[i] == hash) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = hash;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (long hash : old) {
            if (hash != 0) {
                insert(slots, hash);
            }
        }
    }

    /** FNV-1a over the characters, finished with MurmurHash3's 64-bit mix. */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
