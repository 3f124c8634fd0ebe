package io.stagedoor.server.config;

import io.stagedoor.server.StartupException;

/** A setting is unknown or has a value that is not accepted; the message lists every such problem. */
public final class InvalidConfigurationException extends StartupException {

    public InvalidConfigurationException(String message) {
        super(message);
    }
}
