package io.stagedoor.server.ingest.rtmp;

import java.io.IOException;

/** The peer broke the protocol or a limit; its connection is closed. */
public final class RtmpProtocolException extends IOException {

    public RtmpProtocolException(String message) {
        super(message);
    }
}
