package io.stagedoor.encoder;

/** The encoder could not do what was asked; the message says what failed and, where it can, what to do. */
public class EncoderException extends RuntimeException {

    public EncoderException(String message) {
        super(message);
    }

    public EncoderException(String message, Throwable cause) {
        super(message, cause);
    }
}
