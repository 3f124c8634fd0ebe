package io.stagedoor.server.ingest.rtmp;

import io.stagedoor.media.flv.FlvTag;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Publisher} that keeps everything it is told, for tests to wait on and inspect. It accepts every key,
 * unless told to refuse, and can hold {@code start} until a test lets it return.
 */
final class RecordingPublisher implements Publisher {

    /** One call of {@link Session#media}. */
    record Media(int type, long timestamp, byte[] payload) {}

    /** One accepted publish and all its session was told. */
    static final class Recorded implements Session {
        final Client client;
        final String key;
        final Runnable endConnection;
        final List<Map<String, Object>> metadata = new CopyOnWriteArrayList<>();
        final BlockingQueue<Media> media = new LinkedBlockingQueue<>();
        final CompletableFuture<String> ended = new CompletableFuture<>();
        volatile int endedCalls;

        Recorded(Client client, String key, Runnable endConnection) {
            this.client = client;
            this.key = key;
            this.endConnection = endConnection;
        }

        @Override
        public void metadata(Map<String, Object> values) {
            metadata.add(values);
        }

        @Override
        public void media(FlvTag tag) {
            media.add(new Media(tag.type(), tag.timestampMillis(), tag.data()));
        }

        @Override
        public void ended(String why) {
            endedCalls++;
            ended.complete(why);
        }

        /** The next media message, waiting up to five seconds for it. */
        Media nextMedia() throws InterruptedException {
            var next = media.poll(5, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("No media within 5 s");
            }
            return next;
        }
    }

    final BlockingQueue<Recorded> sessions = new LinkedBlockingQueue<>();
    final BlockingQueue<String> refusedKeys = new LinkedBlockingQueue<>();
    /** Counted down when {@code start} is entered. */
    final CountDownLatch startEntered = new CountDownLatch(1);

    private volatile @Nullable Refused refusal;
    private volatile @Nullable CountDownLatch startGate;

    /** Refuses every publish from now on with {@code code}. */
    RecordingPublisher refusing(String code, String description) {
        refusal = new Refused(code, description);
        return this;
    }

    /** Holds every {@code start} until {@code gate} opens. */
    RecordingPublisher holdingStartUntil(CountDownLatch gate) {
        startGate = gate;
        return this;
    }

    @Override
    public Session start(Client client, String streamKey, Runnable endConnection) throws Refused {
        startEntered.countDown();
        var gate = startGate;
        if (gate != null) {
            try {
                if (!gate.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("The test never let start return");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        var refused = refusal;
        if (refused != null) {
            refusedKeys.add(streamKey);
            throw refused;
        }
        var session = new Recorded(client, streamKey, endConnection);
        sessions.add(session);
        return session;
    }

    /** The next accepted publish, waiting up to five seconds for it. */
    Recorded nextSession() throws InterruptedException {
        var next = sessions.poll(5, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("No publish within 5 s");
        }
        return next;
    }
}
