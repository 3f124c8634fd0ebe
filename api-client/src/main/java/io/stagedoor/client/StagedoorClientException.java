package io.stagedoor.client;

/** Base of every failure the client reports; unchecked, as callers usually handle it at one boundary. */
public abstract sealed class StagedoorClientException extends RuntimeException
        permits ApiProblemException, ApiUnreachableException {

    protected StagedoorClientException(String message, Throwable cause) {
        super(message, cause);
    }

    protected StagedoorClientException(String message) {
        super(message);
    }
}
