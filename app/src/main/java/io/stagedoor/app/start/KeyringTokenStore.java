package io.stagedoor.app.start;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.util.Optional;

/**
 * Tokens in the operating system's keyring (Secret Service on Linux, Keychain on macOS, Credential Manager on
 * Windows) through java-keyring.
 */
public final class KeyringTokenStore implements TokenStore {

    static final String SERVICE = "Stagedoor Studio";

    private final Keyring keyring;

    private KeyringTokenStore(Keyring keyring) {
        this.keyring = keyring;
    }

    /** The keyring, or empty when this system offers none (no Secret Service on a headless Linux, say). */
    public static Optional<TokenStore> open() {
        try {
            return Optional.of(new KeyringTokenStore(Keyring.create()));
        } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
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
    public String describe() {
        return "the system keyring (" + keyring.getKeyringStorageType() + ")";
    }
}
