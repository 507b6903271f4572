package io.llmops.it;

import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static io.llmops.it.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LlmopsServer.class)
class AccountIT {

    private final Api api = new Api();

    @Test
    void accountShowsTheSignedInAccountOnly() {
        Session alice = api.register();
        Session bob = api.register();

        assertThat(api.get("/api/account", alice.accessToken()).json().path("email").asText()).isEqualTo(alice.email());
        assertThat(api.get("/api/account", bob.accessToken()).json().path("email").asText()).isEqualTo(bob.email());
    }

    @Test
    void timestampsReadBackExactlyAsFirstAnswered() {
        String email = "ts-" + UUID.randomUUID() + "@example.com";
        Reply registered = api.post("/api/auth/register", null, object("email", email, "password", "password 123", "name", "T"));
        Reply account = api.get("/api/account", registered.json().path("access_token").asText());

        assertThat(account.json().path("created_at")).isEqualTo(registered.json().path("account").path("created_at"));
        assertThat(account.json().path("created_at").asText()).endsWith("Z");
    }

    @Test
    void patchChangesNameAndAvatar() {
        Session session = api.register();
        Reply reply = api.patch("/api/account", session.accessToken(),
                object("name", "Grace Hopper", "avatar", "https://cdn.example/grace.png"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("name").asText()).isEqualTo("Grace Hopper");
        assertThat(api.get("/api/account", session.accessToken()).json().path("avatar").asText())
                .isEqualTo("https://cdn.example/grace.png");
    }

    @Test
    void patchRefusesBlankNameAndScriptAvatar() {
        Session session = api.register();
        Reply reply = api.patch("/api/account", session.accessToken(), object("name", "  ", "avatar", "javascript:alert(1)"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("errors").findValuesAsText("field")).containsExactly("avatar", "name");
    }

    @Test
    void passwordChangeNeedsTheCurrentPasswordAndEndsOtherSessions() {
        Session session = api.register();
        Reply otherDevice = api.post("/api/auth/login", null, object("email", session.email(), "password", session.password()));
        String otherRefresh = otherDevice.json().path("refresh_token").asText();

        Reply wrong = api.put("/api/account/password", session.accessToken(),
                object("current_password", "not it", "new_password", "brand new password"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("errors").get(0).path("field").asText()).isEqualTo("current_password");

        Reply changed = api.put("/api/account/password", session.accessToken(),
                object("current_password", session.password(), "new_password", "brand new password"));
        assertThat(changed.status()).isEqualTo(204);

        assertThat(api.post("/api/auth/login", null, object("email", session.email(), "password", session.password())).status())
                .isEqualTo(401);
        assertThat(api.post("/api/auth/login", null, object("email", session.email(), "password", "brand new password")).status())
                .isEqualTo(200);
        assertThat(api.post("/api/auth/refresh", null, object("refresh_token", otherRefresh)).status()).isEqualTo(401);
        assertThat(api.get("/api/account", otherDevice.json().path("access_token").asText()).code()).isEqualTo("token_revoked");
        assertThat(api.get("/api/account", session.accessToken()).status()).isEqualTo(200);
        assertThat(api.post("/api/auth/refresh", null, object("refresh_token", session.refreshToken())).status()).isEqualTo(200);
    }

    @Test
    void newPasswordMustFollowTheRules() {
        Session session = api.register();
        Reply reply = api.put("/api/account/password", session.accessToken(),
                object("current_password", session.password(), "new_password", "short"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("new_password");
    }

    @Test
    void everyAccountGetsItsOwnWorkspace() {
        Session alice = api.register();
        Reply workspaces = api.get("/api/workspaces", alice.accessToken());

        assertThat(workspaces.status()).isEqualTo(200);
        assertThat(workspaces.json()).hasSize(1);
        assertThat(workspaces.json().get(0).path("id").asText()).isEqualTo(alice.workspaceId());
        Reply members = api.get("/api/workspaces/" + alice.workspaceId() + "/members", alice.accessToken());
        assertThat(members.json().path("total").asLong()).isEqualTo(1);
        assertThat(members.json().path("page").asInt()).isEqualTo(1);
        assertThat(members.json().path("page_size").asInt()).isEqualTo(20);
        assertThat(members.json().path("items").get(0).path("email").asText()).isEqualTo(alice.email());
    }

    @Test
    void workspaceBCannotReadWorkspaceA() {
        Session alice = api.register();
        Session bob = api.register();

        Reply workspace = api.get("/api/workspaces/" + alice.workspaceId(), bob.accessToken());
        Reply members = api.get("/api/workspaces/" + alice.workspaceId() + "/members", bob.accessToken());
        Reply unknown = api.get("/api/workspaces/" + UUID.randomUUID(), bob.accessToken());

        assertThat(workspace.status()).isEqualTo(404);
        assertThat(members.status()).isEqualTo(404);
        assertThat(workspace.body()).doesNotContain(alice.email());
        assertThat(members.body()).doesNotContain(alice.email());
        assertThat(workspace.json().path("code")).isEqualTo(unknown.json().path("code"));
    }

    @Test
    void pageSizeIsBounded() {
        Session alice = api.register();
        Reply reply = api.get("/api/workspaces/" + alice.workspaceId() + "/members?page=0&page_size=101", alice.accessToken());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("errors").findValuesAsText("field")).containsExactly("page", "page_size");
    }
}
