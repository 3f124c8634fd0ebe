package io.stagedoor.encoder.rtmp;

import io.stagedoor.encoder.EncoderException;

/** No RTMP conversation could be had with the ingest: unknown host, refused or timed-out connection, TLS failure. */
public class IngestUnreachableException extends EncoderException {

    public IngestUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
