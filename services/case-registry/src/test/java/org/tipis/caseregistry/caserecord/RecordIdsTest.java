package org.tipis.caseregistry.caserecord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RecordIdsTest {

    @Test
    void idsAreVersion7UniqueAndInCreationOrder() {
        long before = System.currentTimeMillis();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RecordIds.next());
        }
        long after = System.currentTimeMillis();
        assertThat(ids).allSatisfy(id -> {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            long millis = id.getMostSignificantBits() >>> 16;
            assertThat(millis).isBetween(before, after);
        });
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        // as PostgreSQL orders uuids: unsigned, byte by byte
        List<UUID> sorted = new ArrayList<>(ids);
        sorted.sort((a, b) -> {
            int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
            return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
        });
        assertThat(sorted).isEqualTo(ids);
    }
}
