package io.stagedoor.server.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short texts sealed with AES-256-GCM, for the few secrets the server must show again and so cannot keep as a hash
 * (an event's stream key, which its organiser copies into broadcasting software): {@code v1.<base64url(nonce ‖
 * ciphertext ‖ tag)>}. A sealed text cannot be read, nor changed unnoticed, without the key.
 */
public final class Sealed {

    private static final String VERSION = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    /** @param key 32 bytes, e.g. {@link ServerSecret#derive} */
    public Sealed(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("AES-256 takes a 32-byte key");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    public String seal(String text) {
        var nonce = new byte[NONCE_BYTES];
        Tokens.randomBytes(nonce);
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            var sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return VERSION
                    + ENCODER.encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has AES-GCM", e);
        }
    }

    /** The text, or empty when {@code sealed} was not sealed with this key (or was changed). */
    public Optional<String> open(String sealed) {
        if (!sealed.startsWith(VERSION)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return Optional.of(
                    new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has AES-GCM", e);
        }
    }
}
