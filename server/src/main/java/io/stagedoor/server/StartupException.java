package io.stagedoor.server;

/**
 * The server cannot start, for a reason the operator can fix: an invalid setting, a port in use, a database that
 * another process holds. The message says what is wrong and what to do; it is shown without a stack trace.
 */
public class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
