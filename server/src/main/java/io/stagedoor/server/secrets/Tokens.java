package io.stagedoor.server.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Secrets handed to people (session tokens, ticket links): 256 random bits, URL-safe. Only their SHA-256 hash is
 * stored, so a copy of the database cannot be used to sign in or to watch.
 */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {}

    /** A new secret: 32 random bytes as 43 URL-safe characters. */
    public static String newSecret() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return URL_SAFE.encodeToString(bytes);
    }

    /** The hash under which a secret is stored and looked up. */
    public static String hash(String secret) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** Whether {@code text} could be a secret made by {@link #newSecret()}; cheap to check before a look-up. */
    public static boolean looksLikeSecret(String text) {
        return text.length() == 43 && text.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }

    /** Random bytes for other uses, such as IDs shown to people. */
    public static void randomBytes(byte[] into) {
        RANDOM.nextBytes(into);
    }
}
