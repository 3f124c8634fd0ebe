package io.stagedoor.app.start;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.KeyringStorageType;
import com.github.javakeyring.PasswordAccessException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens in the operating system's keyring (Secret Service or KWallet over D-Bus on Linux, Keychain on macOS,
 * Credential Manager on Windows) through java-keyring.
 */
public final class KeyringTokenStore implements TokenStore {

    static final String SERVICE = "Stagedoor Studio";
    private static final Logger log = LoggerFactory.getLogger(KeyringTokenStore.class);

    private final Keyring keyring;

    private KeyringTokenStore(Keyring keyring) {
        this.keyring = keyring;
    }

    /** The keyring, or empty when this system offers none (no Secret Service on a headless Linux, say). */
    public static Optional<TokenStore> open() {
        for (var type : candidates(System.getProperty("os.name", ""))) {
            try {
                return Optional.of(new KeyringTokenStore(Keyring.create(type)));
            } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
                // try the next one
            }
        }
        return Optional.empty();
    }

    /**
     * The backends worth asking on this system. On Linux they are named rather than probed all: probing loads JNA
     * for the macOS and Windows backends, which unpacks a native library into the user's cache for nothing.
     */
    static List<KeyringStorageType> candidates(String osName) {
        var os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return List.of(KeyringStorageType.OSX_KEYCHAIN);
        }
        if (os.contains("win")) {
            return List.of(KeyringStorageType.WINDOWS_CREDENTIAL_STORE);
        }
        return List.of(KeyringStorageType.GNOME_KEYRING, KeyringStorageType.KWALLET);
    }

    @Override
    public Optional<String> token(String server) {
        try {
            return Optional.ofNullable(keyring.getPassword(SERVICE, server));
        } catch (PasswordAccessException e) {
            return Optional.empty();
        }
    }

    @Override
    public void save(String server, String token) {
        try {
            keyring.setPassword(SERVICE, server, token);
        } catch (PasswordAccessException e) {
            throw new IllegalStateException("The keyring refused to store the session: " + e.getMessage(), e);
        }
    }

    @Override
    public void forget(String server) {
        try {
            keyring.deletePassword(SERVICE, server);
        } catch (PasswordAccessException e) {
            // nothing was stored for this server
        }
    }

    @Override
    public void close() {
        try {
            keyring.close();
        } catch (Exception e) {
            log.debug("The keyring did not close cleanly: {}", e.toString());
        }
    }

    @Override
    public String describe() {
        return "the system keyring (" + keyring.getKeyringStorageType() + ")";
    }
}
