package io.stagedoor.client;

/**
 * No usable answer came from the server: it could not be reached, timed out, or sent something that is not a
 * Stagedoor API response. Safe calls were already retried before this is thrown.
 */
public final class ApiUnreachableException extends StagedoorClientException {

    public ApiUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ApiUnreachableException(String message) {
        super(message);
    }
}
