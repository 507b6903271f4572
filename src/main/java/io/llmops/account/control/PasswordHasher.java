package io.llmops.account.control;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id (OWASP's first choice) through password4j: 19 MiB memory, 2 passes, 1 lane, 32-byte
 * hash, 16-byte random salt. The PHC string carries its parameters, so they can be raised later
 * and old hashes still verify.
 */
public final class PasswordHasher {

    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    /** Verified against when an email is unknown, so that case costs the same time as a wrong password. */
    private static final String DUMMY_HASH = new PasswordHasher().hash("llmops-timing-equaliser");

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    public boolean matches(String password, String hash) {
        if (password == null) {
            return false;
        }
        if (hash == null) {
            Password.check(password, DUMMY_HASH).with(ARGON2);
            return false;
        }
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException malformedHash) {
            return false;
        }
    }
}
