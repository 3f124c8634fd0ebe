package io.stagedoor.media;

import java.io.IOException;

/**
 * Bytes that break a wire format or one of its limits. The message says what was wrong, for the log of whoever sent
 * them; the reader that throws it can read nothing more from that stream.
 */
public class MalformedMediaException extends IOException {

    public MalformedMediaException(String message) {
        super(message);
    }
}
