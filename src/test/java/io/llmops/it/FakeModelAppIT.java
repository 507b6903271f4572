package io.llmops.it;

import io.llmops.it.Api.Session;
import io.llmops.testing.FakeOpenAiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the tests that chat with an app: a fake OpenAI-compatible model per test class, and per
 * test a new account whose app uses it (credentials with the fake's base URL, then the draft config).
 */
@ExtendWith(LlmopsServer.class)
abstract class FakeModelAppIT {

    protected static final String KEY = "sk-fake-model-test-key";
    protected static FakeOpenAiServer fake;
    protected final Api api = new Api();
    protected Session session;
    protected String appId;

    @BeforeAll
    static void startFake() {
        fake = FakeOpenAiServer.start().apiKey(KEY);
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    /** A clean fake, a new account and its app named {@code name} with this draft config. */
    protected void newAppWithModel(String name, String configPatch) {
        fake.reset();
        session = api.register();
        appId = api.appWithModel(session, KEY, fake.baseUrl(), name, configPatch);
    }
}
