package io.stagedoor.server.accounts;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id with OWASP's recommended minimum (19 MiB memory, 2 passes, 1 lane), stored as a self-describing PHC
 * string so that stronger parameters can be introduced later without breaking existing hashes.
 */
final class PasswordHasher {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID, 19);
    /** Verified against when no account matches, so that a wrong e-mail takes as long as a wrong password. */
    private static final String DECOY = hashWith("a password nobody has");

    String hash(String password) {
        return hashWith(password);
    }

    private static String hashWith(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    boolean matches(String password, String storedHash) {
        return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
    }

    /** Spends the time of one verification, for callers that found no account. */
    void spendVerificationTime(String password) {
        matches(password, DECOY);
    }
}
