package io.stagedoor.server.accounts;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id with OWASP's recommended minimum (19 MiB memory, 2 passes, 1 lane), stored as a self-describing PHC
 * string so that stronger parameters can be introduced later without breaking existing hashes.
 */
final class PasswordHasher {

    static final int MEMORY_KIB = 19_456;
    static final int PASSES = 2;
    static final int LANES = 1;
    private static final Argon2Function ARGON2ID =
            Argon2Function.getInstance(MEMORY_KIB, PASSES, LANES, 32, Argon2.ID, 19);

    /**
     * Verified against when no account matches, so that a wrong e-mail takes as long as a wrong password: a hash with
     * the parameters above (a test keeps them equal) of "a password nobody has". Written out rather than computed at
     * start-up, where hashing held the server's start up by about 0.15 s (0.4 s in a JVM of its own). Its password is
     * no secret and opens nothing: the decoy is only checked when there is no account, and the answer is then "no"
     * whatever the check says.
     */
    static final String DECOY =
            "$argon2id$v=19$m=19456,t=2,p=1$Dcby4zB6EX7gLcqLbtbq7A$6MLR8wGPA76sWuRbbuixeA+eJWycG4ndeIZY3fzxiIQ";

    String hash(String password) {
        return hashWith(password);
    }

    private static String hashWith(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    /** The parameters of the hash being made now, as its PHC string states them: {@code m=19456,t=2,p=1}. */
    static String parameters() {
        return "m=" + MEMORY_KIB + ",t=" + PASSES + ",p=" + LANES;
    }

    boolean matches(String password, String storedHash) {
        return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
    }

    /** Spends the time of one verification, for callers that found no account. */
    void spendVerificationTime(String password) {
        matches(password, DECOY);
    }
}
