package io.llmops.account.boundary;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/** Request and response bodies of the account API (snake_case on the wire). */
public final class AuthDtos {

    private AuthDtos() {
    }

    static final String EMAIL_SHAPE = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    public record RegisterRequest(
            @NotBlank @Size(max = 254) @Email(regexp = EMAIL_SHAPE, message = "must be a valid email address") String email,
            @NotNull @Size(min = 8, max = 128, message = "must be 8 to 128 characters") String password,
            @NotBlank(message = "must be 1 to 64 characters") @Size(max = 64, message = "must be 1 to 64 characters") String name) {
    }

    public record LoginRequest(
            @NotBlank @Size(max = 254) @Email(regexp = EMAIL_SHAPE, message = "must be a valid email address") String email,
            @NotNull @Size(max = 128, message = "must be at most 128 characters") String password) {
    }

    public record RefreshRequest(@NotBlank @Size(max = 512) String refreshToken) {
    }

    public record AccountPatch(
            @Pattern(regexp = "^(?s)\\s*\\S.*$", message = "must be 1 to 64 characters")
            @Size(max = 64, message = "must be 1 to 64 characters") String name,
            @Size(max = 1024) @Pattern(regexp = "^(https?://\\S+)?$", message = "must be an http(s) URL or empty") String avatar) {
    }

    public record PasswordChange(
            @NotNull @Size(max = 128) String currentPassword,
            @NotNull @Size(min = 8, max = 128, message = "must be 8 to 128 characters") String newPassword) {
    }

    public record AccountView(UUID id, String email, String name, String avatar, Instant lastLoginAt, Instant createdAt) {
    }

    public record WorkspaceView(UUID id, String name, String role, Instant createdAt) {
    }

    public record MemberView(UUID accountId, String name, String email, String role, Instant joinedAt) {
    }

    /** What every sign-in answers: who you are, where you act, and the token pair. */
    public record AuthResponse(AccountView account, WorkspaceView workspace, String accessToken, String refreshToken,
                               String tokenType, long expiresIn) {
        @Override
        public String toString() {
            return "AuthResponse[" + account.id() + ", tokens=****]";
        }
    }

    public record OAuthRedirect(String redirectUrl) {
    }
}
