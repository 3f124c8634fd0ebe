package io.stagedoor.server.ingest;

import io.stagedoor.server.StartupException;

/** The ingest cannot start: its port is taken, or its RTMPS certificate cannot be used. */
public final class IngestUnavailableException extends StartupException {

    public IngestUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
