package io.stagedoor.media.amf0;

import io.stagedoor.media.MalformedMediaException;

/** AMF0 bytes that are cut short, malformed, of a type we do not read, or past the {@link Amf0.Limits}. */
public final class Amf0Exception extends MalformedMediaException {

    public Amf0Exception(String message) {
        super(message);
    }
}
