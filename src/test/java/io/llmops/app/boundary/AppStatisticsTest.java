package io.llmops.app.boundary;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class AppStatisticsTest {

    @Test
    void decimalsAreRoundedAndWrittenPlainly() {
        assertThat(AppStatistics.decimal(new BigDecimal("0.00000000"), 8).toString()).isEqualTo("0");
        assertThat(AppStatistics.decimal(new BigDecimal("100.00"), 2).toString()).isEqualTo("100");
        assertThat(AppStatistics.decimal(new BigDecimal("0.00000630"), 8).toString()).isEqualTo("0.0000063");
        assertThat(AppStatistics.decimal(new BigDecimal("1.505"), 2).toString()).isEqualTo("1.51");
        assertThat(AppStatistics.decimal(12L, 2).toString()).isEqualTo("12");
    }
}
