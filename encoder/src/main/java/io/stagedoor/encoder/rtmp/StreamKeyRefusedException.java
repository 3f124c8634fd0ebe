package io.stagedoor.encoder.rtmp;

import io.stagedoor.encoder.EncoderException;

/** The ingest answered but would not let us publish: a wrong or expired stream key, or an unknown application. */
public class StreamKeyRefusedException extends EncoderException {

    public StreamKeyRefusedException(String message) {
        super(message);
    }
}
