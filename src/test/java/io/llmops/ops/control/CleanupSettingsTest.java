package io.llmops.ops.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CleanupSettingsTest {

    @Test
    void defaultsReadAsDocumented() {
        CleanupSettings settings = CleanupSettings.of(true, 600, 24, 60, 30, 500, 2000);

        assertThat(settings.interval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.uploadTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.purgeDelay()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.debugRetention()).contains(Duration.ofDays(30));
        assertThat(settings.initialDelay()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void zeroRetentionKeepsDebugConversationsForever() {
        assertThat(CleanupSettings.of(true, 600, 24, 60, 0, 500, 2000).debugRetention()).isEmpty();
    }

    @Test
    void firstRunWaitsForTheStartUpToSettle() {
        assertThat(CleanupSettings.of(true, 2, 24, 0, 30, 500, 2000).initialDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(CleanupSettings.of(true, 45, 24, 0, 30, 500, 2000).initialDelay()).isEqualTo(Duration.ofSeconds(45));
        assertThat(CleanupSettings.of(true, 3600, 24, 0, 30, 500, 2000).initialDelay()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void valuesThatWouldCleanTooMuchOrNeverAreRefused() {
        assertThatThrownBy(() -> CleanupSettings.of(true, 0, 24, 60, 30, 500, 2000)).hasMessageContaining("interval-seconds");
        assertThatThrownBy(() -> CleanupSettings.of(true, 600, 0, 60, 30, 500, 2000)).hasMessageContaining("upload-ttl-hours");
        assertThatThrownBy(() -> CleanupSettings.of(true, 600, -5, 60, 30, 500, 2000)).hasMessageContaining("upload-ttl-hours");
        assertThatThrownBy(() -> CleanupSettings.of(true, 600, 24, -1, 30, 500, 2000)).hasMessageContaining("purge-delay-minutes");
        assertThatThrownBy(() -> CleanupSettings.of(true, 600, 24, 60, -1, 500, 2000)).hasMessageContaining("retention-days");
        assertThatThrownBy(() -> CleanupSettings.of(true, 600, 24, 60, 30, 0, 2000)).hasMessageContaining("batch-size");
        assertThatThrownBy(() -> CleanupSettings.of(true, 600, 24, 60, 30, 10_001, 2000)).hasMessageContaining("batch-size");
        assertThatThrownBy(() -> CleanupSettings.of(true, 600, 24, 60, 30, 500, 0)).hasMessageContaining("max-batches-per-run");
    }
}
