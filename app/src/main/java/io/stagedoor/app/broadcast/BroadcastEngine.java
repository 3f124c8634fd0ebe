package io.stagedoor.app.broadcast;

import io.stagedoor.encoder.Broadcast;
import io.stagedoor.encoder.BroadcastListener;
import io.stagedoor.encoder.BroadcastSettings;
import io.stagedoor.encoder.rtmp.RtmpUrl;
import io.stagedoor.encoder.source.VideoSource;
import java.nio.file.Path;

/**
 * What the broadcast screen needs of the encoder: capture a source for the preview, go live and record from that
 * capture, switch sources, stop. The real one is {@link #encoder()}; tests pass a small fake that plays listener calls.
 */
@FunctionalInterface
public interface BroadcastEngine {

    /**
     * Starts capturing the settings' source for the preview and the meters, encoding and sending nothing; blocks, so
     * never call it on the FX thread.
     *
     * @throws io.stagedoor.encoder.EncoderException when the source cannot be set up
     */
    Running preview(BroadcastSettings settings, BroadcastListener listener);

    /** A capture under way; every method may block, so none is called on the FX thread. */
    interface Running extends AutoCloseable {

        /**
         * Publishes from the running capture; returns once the ingest accepted the stream key.
         *
         * @throws io.stagedoor.encoder.EncoderException when it cannot
         */
        void goLive(RtmpUrl destination);

        /** Stops publishing; the capture (and a recording) go on. */
        void endLive();

        /**
         * Records to the file from the next keyframe on, live or not.
         *
         * @throws io.stagedoor.encoder.EncoderException when it cannot
         */
        void startRecording(Path file);

        /** Finishes the recording's file. */
        void stopRecording();

        void reconnectNow();

        /** Shows another source from its first picture on; the current one stays if the new one fails. */
        void switchVideoSource(VideoSource source);

        /** Preview pictures fit in {@code width × height} pixels from the next one on. */
        void previewSize(int width, int height);

        /** Stops everything; blocks for up to a few seconds while a stream's queue drains. */
        @Override
        void close();
    }

    /** The encoder module's {@link Broadcast}. */
    static BroadcastEngine encoder() {
        return (settings, listener) -> {
            var broadcast = Broadcast.preview(settings, listener);
            return new Running() {
                @Override
                public void goLive(RtmpUrl destination) {
                    broadcast.goLive(destination);
                }

                @Override
                public void endLive() {
                    broadcast.endLive();
                }

                @Override
                public void startRecording(Path file) {
                    broadcast.startRecording(file);
                }

                @Override
                public void stopRecording() {
                    broadcast.stopRecording();
                }

                @Override
                public void reconnectNow() {
                    broadcast.reconnectNow();
                }

                @Override
                public void switchVideoSource(VideoSource source) {
                    broadcast.switchVideoSource(source);
                }

                @Override
                public void previewSize(int width, int height) {
                    broadcast.previewSize(width, height);
                }

                @Override
                public void close() {
                    broadcast.close();
                }
            };
        };
    }
}
