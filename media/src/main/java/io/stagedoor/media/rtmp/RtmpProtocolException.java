package io.stagedoor.media.rtmp;

import io.stagedoor.media.MalformedMediaException;

/** The peer broke the protocol or a limit; nothing more can be read from its connection. */
public final class RtmpProtocolException extends MalformedMediaException {

    public RtmpProtocolException(String message) {
        super(message);
    }
}
