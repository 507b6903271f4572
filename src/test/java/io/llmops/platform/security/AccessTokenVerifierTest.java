package io.llmops.platform.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokenVerifierTest {

    private static final String ISSUER = "llmops";
    private static KeyPair ours;
    private static KeyPair theirs;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final AccessTokenVerifier verifier =
            new AccessTokenVerifier((RSAPublicKey) ours.getPublic(), ISSUER, clock, 100);
    private final UUID account = UUID.randomUUID();
    private final UUID workspace = UUID.randomUUID();

    @BeforeAll
    static void keys() throws Exception {
        ours = SigningKeysTest.rsa(2048);
        theirs = SigningKeysTest.rsa(2048);
    }

    @Test
    void acceptsOurTokenWithItsClaims() {
        VerifiedToken token = verifier.verify(sign(ours, claims(b -> b))).orElseThrow();

        assertThat(token.accountId()).isEqualTo(account);
        assertThat(token.workspaceId()).isEqualTo(workspace);
        assertThat(token.groups()).containsExactly("user");
        assertThat(token.tokenId()).isEqualTo("jti-1");
        assertThat(token.familyId()).isEqualTo("family-1");
    }

    @Test
    void refusesTokensSignedByAnotherKeyOrTamperedWith() {
        String good = sign(ours, claims(b -> b));
        String[] parts = good.split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims(b -> b.subject(UUID.randomUUID().toString())).toString().getBytes());

        assertThat(verifier.verify(sign(theirs, claims(b -> b)))).isEmpty();
        assertThat(verifier.verify(parts[0] + "." + otherPayload + "." + parts[2])).isEmpty();
        assertThat(verifier.verify(parts[0] + "." + parts[1] + "." + flipFirst(parts[2]))).isEmpty();
    }

    @Test
    void refusesUnsignedAndHmacTokens() throws Exception {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(claims(b -> b).toString().getBytes());
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes())
                + "." + payload + ".";
        // the classic confusion: HS256 keyed with the public key's bytes
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(b -> b));
        hmac.sign(new MACSigner(java.util.Arrays.copyOf(ours.getPublic().getEncoded(), 64)));

        assertThat(verifier.verify(none)).isEmpty();
        assertThat(verifier.verify(hmac.serialize())).isEmpty();
    }

    @Test
    void refusesOtherIssuersMissingClaimsAndGarbage() {
        assertThat(verifier.verify(sign(ours, claims(b -> b.issuer("someone-else"))))).isEmpty();
        assertThat(verifier.verify(sign(ours, claims(b -> b.claim("wid", null))))).isEmpty();
        assertThat(verifier.verify(sign(ours, claims(b -> b.claim("wid", "not-a-uuid"))))).isEmpty();
        assertThat(verifier.verify(sign(ours, claims(b -> b.jwtID(null))))).isEmpty();
        assertThat(verifier.verify(sign(ours, claims(b -> b.issueTime(null))))).isEmpty();
        assertThat(verifier.verify(sign(ours, claims(b -> b.expirationTime(null))))).isEmpty();
        assertThat(verifier.verify("garbage")).isEmpty();
        assertThat(verifier.verify("")).isEmpty();
        assertThat(verifier.verify(null)).isEmpty();
    }

    @Test
    void refusesExpiredTokensEvenOnceRemembered() {
        String token = sign(ours, claims(b -> b));
        assertThat(verifier.verify(token)).isPresent();

        clock.advance(Duration.ofMinutes(15).plus(AccessTokenVerifier.CLOCK_SKEW).plusSeconds(1));

        assertThat(verifier.verify(token)).isEmpty();
        assertThat(verifier.verify(sign(ours, claims(b -> b.expirationTime(Date.from(clock.instant().minusSeconds(61)))))))
                .isEmpty();
    }

    @Test
    void toleratesOneMinuteOfClockSkewBetweenInstances() {
        String justExpired = sign(ours, claims(b -> b.expirationTime(Date.from(clock.instant().minusSeconds(30)))));

        assertThat(verifier.verify(justExpired)).isPresent();
    }

    private JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = clock.instant();
        return change.apply(new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(account.toString())
                .claim("upn", "ada@example.com")
                .claim("groups", List.of("user"))
                .claim("wid", workspace.toString())
                .claim("fam", "family-1")
                .jwtID("jti-1")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))).build();
    }

    private static String sign(KeyPair pair, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(pair.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Changes the first character: the last one of a base64url signature may carry unused bits only. */
    private static String flipFirst(String text) {
        return (text.startsWith("A") ? "B" : "A") + text.substring(1);
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
