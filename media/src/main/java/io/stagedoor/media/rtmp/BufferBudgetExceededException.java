package io.stagedoor.media.rtmp;

import java.io.IOException;

/**
 * A connection's next buffer would take the server past what all connections may hold together ({@link
 * BufferBudget}); that connection is closed, and every other goes on.
 */
public final class BufferBudgetExceededException extends IOException {

    public BufferBudgetExceededException(String message) {
        super(message);
    }
}
