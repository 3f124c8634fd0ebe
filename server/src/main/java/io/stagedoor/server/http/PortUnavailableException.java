package io.stagedoor.server.http;

import io.stagedoor.server.StartupException;

/** The HTTP port is taken by another program, or may not be used by this one. */
public final class PortUnavailableException extends StartupException {

    public PortUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
