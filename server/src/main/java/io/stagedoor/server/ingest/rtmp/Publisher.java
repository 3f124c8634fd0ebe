package io.stagedoor.server.ingest.rtmp;

import io.stagedoor.media.flv.FlvTag;
import java.util.Map;

/**
 * What the RTMP layer needs from the rest of the server: a decision on each publish, and somewhere to send the
 * media. Owned here, implemented by the ingest service.
 */
public interface Publisher {

    /** What the client said about itself in {@code connect}. */
    record Client(String app, String tcUrl, String flashVer, String address) {}

    /** A publish was refused; {@code code} is the RTMP status code the client is sent. */
    final class Refused extends Exception {
        private final String code;

        public Refused(String code, String description) {
            super(description);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * Decides on {@code publish(streamKey)}, before {@code NetStream.Publish.Start} is sent.
     *
     * @param endConnection closes the connection; the session calls it when the server ends the publish (a newer
     *     publish on the same key, a rotated key)
     */
    Session start(Client client, String streamKey, Runnable endConnection) throws Refused;

    /** One publish, from {@code NetStream.Publish.Start} to its end. */
    interface Session {
        void metadata(Map<String, Object> metadata);

        /** An audio or video message, as the FLV tag it carries, its timestamp in milliseconds unwrapped to 64 bits. */
        void media(FlvTag tag);

        /** The publish is over: the publisher went silent, broke the protocol, disconnected or was disconnected. */
        void ended(String why);

        /** The publish is over because the publisher said it was stopping ({@code FCUnpublish}, {@code deleteStream}). */
        default void stopped(String why) {
            ended(why);
        }
    }
}
