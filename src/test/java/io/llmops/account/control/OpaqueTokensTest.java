package io.llmops.account.control;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OpaqueTokensTest {

    @Test
    void generatedTokenIs256BitsUrlSafeWithoutPadding() {
        assertThat(OpaqueTokens.generate()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void generatedTokensAreUnique() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            tokens.add(OpaqueTokens.generate());
        }

        assertThat(tokens).hasSize(1_000);
    }

    @Test
    void sha256MatchesKnownVectors() {
        assertThat(OpaqueTokens.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(OpaqueTokens.sha256(""))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void sha256IsLowercaseHexOf64Characters() {
        assertThat(OpaqueTokens.sha256(OpaqueTokens.generate())).matches("[0-9a-f]{64}");
    }
}
