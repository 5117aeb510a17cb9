package org.tipis.caseregistry.caserecord;

import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Ids of new records: time-ordered UUIDs (version 7, RFC 9562: milliseconds since the epoch, then 74 random bits
 * from a SecureRandom). New ids land at the end of the primary-key and foreign-key indexes instead of at random
 * places, which keeps bulk uploads from touching (and writing to the WAL) a random index page per row once the
 * tables outgrow memory. An id so tells when its record was created, to the millisecond, which its
 * {@code created_at} says anyway. Victim keys are pseudonyms that link records of one person across institutions:
 * they stay random ({@link UUID#randomUUID()}) and carry no time.
 */
public final class RecordIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private RecordIds() {
    }

    public static UUID next() {
        return GENERATOR.generate();
    }
}
