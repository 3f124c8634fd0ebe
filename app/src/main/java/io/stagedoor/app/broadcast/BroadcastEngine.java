package io.stagedoor.app.broadcast;

import io.stagedoor.encoder.Broadcast;
import io.stagedoor.encoder.BroadcastListener;
import io.stagedoor.encoder.BroadcastSettings;
import io.stagedoor.encoder.source.VideoSource;

/**
 * What the broadcast screen needs of the encoder: start a broadcast, ask it to reconnect, stop it. The real one is
 * {@link #encoder()}; tests pass a small fake that plays listener calls.
 */
@FunctionalInterface
public interface BroadcastEngine {

    /**
     * Starts and returns once live; blocks, so never call it on the FX thread.
     *
     * @throws io.stagedoor.encoder.EncoderException when it cannot start
     */
    Running start(BroadcastSettings settings, BroadcastListener listener);

    /** A broadcast under way. */
    interface Running extends AutoCloseable {
        void reconnectNow();

        /** Shows another source from its first picture on; the current one stays if the new one fails. */
        void switchVideoSource(VideoSource source);

        /** Stops it; blocks for up to a few seconds while the queue drains. */
        @Override
        void close();
    }

    /** The encoder module's {@link Broadcast}. */
    static BroadcastEngine encoder() {
        return (settings, listener) -> {
            var broadcast = Broadcast.start(settings, listener);
            return new Running() {
                @Override
                public void reconnectNow() {
                    broadcast.reconnectNow();
                }

                @Override
                public void switchVideoSource(VideoSource source) {
                    broadcast.switchVideoSource(source);
                }

                @Override
                public void close() {
                    broadcast.close();
                }
            };
        };
    }
}
