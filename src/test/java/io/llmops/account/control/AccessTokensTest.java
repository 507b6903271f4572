package io.llmops.account.control;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.llmops.platform.security.SigningKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokensTest {

    private static final Duration LIFETIME = Duration.ofMinutes(15);
    private static SigningKeys keys;
    private static SigningKeys otherKeys;

    private final AccessTokens tokens = new AccessTokens(keys, "https://llmops.test", LIFETIME);
    private final AccessTokens.Claims claims = new AccessTokens.Claims(UUID.randomUUID(), "ada@example.com",
            UUID.randomUUID(), UUID.randomUUID(), List.of("owner", "member"));

    @BeforeAll
    static void generateKeys() throws Exception {
        keys = rsa();
        otherKeys = rsa();
    }

    private static SigningKeys rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        return new SigningKeys((RSAPrivateCrtKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic());
    }

    @Test
    void tokenVerifiesWithThePublicKey() throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.issue(claims));

        assertThat(jwt.verify(new RSASSAVerifier(keys.publicKey()))).isTrue();
    }

    @Test
    void tokenDoesNotVerifyWithAnotherKey() throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.issue(claims));

        assertThat(jwt.verify(new RSASSAVerifier(otherKeys.publicKey()))).isFalse();
    }

    @Test
    void headerSaysRs256Jwt() throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.issue(claims));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
    }

    @Test
    void claimsCarryIdentityWorkspaceFamilyAndGroups() throws Exception {
        JWTClaimsSet set = SignedJWT.parse(tokens.issue(claims)).getJWTClaimsSet();

        assertThat(set.getIssuer()).isEqualTo("https://llmops.test");
        assertThat(set.getSubject()).isEqualTo(claims.accountId().toString());
        assertThat(set.getStringClaim("upn")).isEqualTo("ada@example.com");
        assertThat(set.getStringListClaim("groups")).containsExactly("owner", "member");
        assertThat(set.getStringClaim("wid")).isEqualTo(claims.workspaceId().toString());
        assertThat(set.getStringClaim("fam")).isEqualTo(claims.familyId().toString());
    }

    @Test
    void expiryIsIssueTimePlusLifetime() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        JWTClaimsSet set = SignedJWT.parse(tokens.issue(claims)).getJWTClaimsSet();
        Instant after = Instant.now().plusSeconds(1);

        Instant issued = set.getIssueTime().toInstant();
        assertThat(issued).isBetween(before, after);
        assertThat(Duration.between(issued, set.getExpirationTime().toInstant())).isEqualTo(LIFETIME);
        assertThat(tokens.lifetime()).isEqualTo(LIFETIME);
    }

    @Test
    void everyTokenHasItsOwnId() throws Exception {
        String first = SignedJWT.parse(tokens.issue(claims)).getJWTClaimsSet().getJWTID();
        String second = SignedJWT.parse(tokens.issue(claims)).getJWTClaimsSet().getJWTID();

        assertThat(first).isNotBlank().isNotEqualTo(second);
    }
}
