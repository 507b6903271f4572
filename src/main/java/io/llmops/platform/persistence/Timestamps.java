package io.llmops.platform.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** "Now" at the precision PostgreSQL's timestamptz keeps, so a value reads back exactly as written. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
