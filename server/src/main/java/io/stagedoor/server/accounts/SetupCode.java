package io.stagedoor.server.accounts;

import io.stagedoor.server.secrets.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The one-time code that makes the first administrator of a server others can reach: 256 random bits, printed once
 * in the log and kept here only as a hash, compared in constant time, and gone once used, once an administrator
 * exists, or when the server stops.
 */
final class SetupCode {

    private final AtomicReference<byte @Nullable []> hash = new AtomicReference<>();

    /** A new code, replacing any earlier one. */
    String issue() {
        var code = Tokens.newSecret();
        hash.set(digest(code));
        return code;
    }

    boolean matches(String code) {
        var expected = hash.get();
        return expected != null && MessageDigest.isEqual(expected, digest(code));
    }

    /** Uses the code up; false when it did not match or was used meanwhile. */
    boolean use(String code) {
        var expected = hash.get();
        return expected != null && MessageDigest.isEqual(expected, digest(code)) && hash.compareAndSet(expected, null);
    }

    void retire() {
        hash.set(null);
    }

    private static byte[] digest(String code) {
        return Tokens.hash(code).getBytes(StandardCharsets.US_ASCII);
    }
}
