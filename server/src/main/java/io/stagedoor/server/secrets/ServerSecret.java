package io.stagedoor.server.secrets;

import io.stagedoor.server.StartupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's own secret, kept in a file beside the database rather than in it ({@code <data.dir>/secret.key},
 * readable by the server's user only), so that a copy of the database alone signs no playback link and opens no
 * stream key. Every key the server signs or seals with is {@linkplain #derive derived} from it, one per purpose.
 * Losing the file invalidates playback links (they last minutes) and makes stored stream keys unreadable (the
 * organiser is given new ones); nothing that was sold is lost.
 */
public final class ServerSecret {

    static final String FILE = "secret.key";
    private static final int BYTES = 32;

    private final byte[] secret;

    private ServerSecret(byte[] secret) {
        this.secret = secret.clone();
    }

    /** A secret for tests and tools that keep nothing. */
    public static ServerSecret of(byte[] secret) {
        if (secret.length < BYTES) {
            throw new IllegalArgumentException("A server secret has at least " + BYTES + " bytes");
        }
        return new ServerSecret(secret);
    }

    /**
     * The secret in {@code dataDir}, made on first start.
     *
     * @throws StartupException when the file cannot be read or written, or is damaged
     */
    public static ServerSecret loadOrCreate(Path dataDir) {
        var file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                var secret = new byte[BYTES];
                Tokens.randomBytes(secret);
                write(file, Base64.getEncoder().encodeToString(secret) + "\n");
                return new ServerSecret(secret);
            }
            var text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            byte[] secret;
            try {
                secret = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                secret = new byte[0];
            }
            if (secret.length < BYTES) {
                throw new StartupException("The server's secret in " + file + " is damaged (it should hold " + BYTES
                        + " bytes in Base64). Restore it from a backup; or delete it to make a new one, which ends"
                        + " every playback link and replaces every event's stream key.");
            }
            return new ServerSecret(secret);
        } catch (FileAlreadyExistsException e) {
            // Another server on the same directory made it first.
            return loadOrCreate(dataDir);
        } catch (IOException e) {
            throw new StartupException(
                    "Cannot read or create the server's secret " + file + " (" + e + "). Check that the data"
                            + " directory is writable by the server's user.",
                    e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        var temporary = file.resolveSibling(FILE + ".new");
        Files.deleteIfExists(temporary);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(
                    temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temporary);
        }
        Files.writeString(
                temporary, text, StandardCharsets.US_ASCII, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        // Never replaces a file another server wrote meanwhile.
        Files.createLink(file, temporary);
        Files.delete(temporary);
    }

    /** A key for one purpose ({@code "playback-tokens"}, {@code "stream-keys"}): HMAC-SHA256 of the purpose. */
    public byte[] derive(String purpose) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }
}
