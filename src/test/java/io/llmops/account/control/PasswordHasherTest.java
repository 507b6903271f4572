package io.llmops.account.control;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashVerifiesTheSamePassword() {
        String hash = hasher.hash("correct horse battery staple");

        assertThat(hasher.matches("correct horse battery staple", hash)).isTrue();
    }

    @Test
    void wrongPasswordDoesNotMatch() {
        String hash = hasher.hash("correct horse battery staple");

        assertThat(hasher.matches("correct horse battery stapler", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
    }

    @Test
    void samePasswordHashesDifferentlyBecauseOfTheSalt() {
        String first = hasher.hash("same password");
        String second = hasher.hash("same password");

        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.matches("same password", first)).isTrue();
        assertThat(hasher.matches("same password", second)).isTrue();
    }

    @Test
    void hashIsArgon2idPhcStringWithItsParameters() {
        // Spaces never occur in the PHC string's base64, so a random salt cannot contain this password by chance.
        assertThat(hasher.hash("plain text password"))
                .startsWith("$argon2id$v=19$")
                .contains("m=19456,t=2,p=1")
                .doesNotContain("plain text password");
    }

    @Test
    void unknownAccountWithoutHashNeverMatches() {
        assertThat(hasher.matches("llmops-timing-equaliser", null)).isFalse();
        assertThat(hasher.matches("anything", null)).isFalse();
    }

    @Test
    void malformedHashDoesNotMatch() {
        assertThat(hasher.matches("pw", "")).isFalse();
        assertThat(hasher.matches("pw", "not-a-hash")).isFalse();
        assertThat(hasher.matches("pw", "$argon2id$v=19$garbage")).isFalse();
        assertThat(hasher.matches("pw", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy")).isFalse();
    }

    @Test
    void hashWithOtherArgon2ParametersStillVerifies() {
        String weaker = Password.hash("pw").addRandomSalt(16)
                .with(Argon2Function.getInstance(8_192, 1, 1, 32, Argon2.ID))
                .getResult();

        assertThat(hasher.matches("pw", weaker)).isTrue();
        assertThat(hasher.matches("other", weaker)).isFalse();
    }
}
