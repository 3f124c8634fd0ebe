package io.stagedoor.app.broadcast;

import io.stagedoor.encoder.BroadcastListener;
import io.stagedoor.encoder.BroadcastSettings;
import io.stagedoor.encoder.BroadcastState;
import io.stagedoor.encoder.rtmp.RtmpUrl;
import io.stagedoor.encoder.source.VideoSource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The encoder's stand-in for tests of what the broadcast screen decides rather than what it sends: it captures and
 * sends nothing (a machine shared by several builds has no core to spare for a picture nobody looks at) and notes
 * where it was told to go live and how often to end.
 */
final class StandInEngine implements BroadcastEngine {

    private final List<RtmpUrl> wentLive = new CopyOnWriteArrayList<>();
    private final AtomicInteger ends = new AtomicInteger();

    /** Where it went live, in order. */
    List<RtmpUrl> wentLive() {
        return wentLive;
    }

    int ends() {
        return ends.get();
    }

    @Override
    public Running preview(BroadcastSettings settings, BroadcastListener listener) {
        listener.stateChanged(BroadcastState.STARTING, BroadcastState.PREVIEW, "previewing");
        return new Running() {
            @Override
            public void goLive(RtmpUrl destination) {
                wentLive.add(destination);
                listener.stateChanged(BroadcastState.PREVIEW, BroadcastState.LIVE, "live");
            }

            @Override
            public void endLive() {
                ends.incrementAndGet();
                listener.stateChanged(BroadcastState.LIVE, BroadcastState.PREVIEW, "live ended");
            }

            @Override
            public void startRecording(Path file) {}

            @Override
            public void stopRecording() {}

            @Override
            public void reconnectNow() {}

            @Override
            public void switchVideoSource(VideoSource source) {}

            @Override
            public void previewSize(int width, int height) {}

            @Override
            public void close() {}
        };
    }
}
