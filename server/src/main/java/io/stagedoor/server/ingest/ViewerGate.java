package io.stagedoor.server.ingest;

import java.util.UUID;

/**
 * Decides, on every playlist and segment request, whether the holder of a genuine, unexpired playback token may still
 * be served: a ticket's viewing session may have been taken over by another device, or its ticket refunded.
 */
@FunctionalInterface
public interface ViewerGate {

    /** Lets every genuine token through. */
    ViewerGate OPEN = (eventId, subject) -> {};

    /**
     * @param subject the subject the token was made for
     * @throws io.stagedoor.server.error.ApiException a 403 saying why, when the subject may not watch now
     */
    void admit(UUID eventId, String subject);
}
