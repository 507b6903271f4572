package io.llmops.app.entity;

import io.llmops.app.control.AppConfig;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AppTest {

    private final App app = new App(UUID.randomUUID(), UUID.randomUUID(), "Travel helper", "", "🤖", AppConfig.defaults());

    @Test
    void copyIsANewDraftNamedCopyWithTheSameDraft() {
        UUID copier = UUID.randomUUID();
        App copy = app.copy(copier);

        assertThat(copy.id()).isNotEqualTo(app.id());
        assertThat(copy.name()).isEqualTo("Travel helper (copy)");
        assertThat(copy.status()).isEqualTo(App.Status.draft);
        assertThat(copy.createdBy()).isEqualTo(copier);
        assertThat(copy.draftConfig()).isEqualTo(app.draftConfig());
    }

    @Test
    void copyNameStaysWithinSixtyFourCharacters() {
        assertThat(App.copyName("n".repeat(64))).hasSize(64).endsWith("n (copy)");
        assertThat(App.copyName("n".repeat(56) + "😀😀")).isEqualTo("n".repeat(56) + " (copy)");
    }

    @Test
    void publishingPointsAtTheVersionAndCancellingClearsIt() {
        AppConfigVersion v1 = app.snapshot(1, null);
        app.publish(v1);
        assertThat(app.status()).isEqualTo(App.Status.published);
        assertThat(app.publishedVersionId()).isEqualTo(v1.id());
        assertThat(v1.config()).isEqualTo(app.draftConfig());

        app.cancelPublish();
        assertThat(app.status()).isEqualTo(App.Status.draft);
        assertThat(app.publishedVersionId()).isNull();
    }
}
