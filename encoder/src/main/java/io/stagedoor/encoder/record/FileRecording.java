package io.stagedoor.encoder.record;

import io.stagedoor.encoder.EncoderException;
import io.stagedoor.media.flv.FlvTag;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the encoded stream to a file on its own thread, without encoding again: FLV tags are written as they come
 * (FLV) or remuxed by FFmpeg into fragmented MP4 or Matroska. Remuxing goes through JavaCV's {@code recordPacket},
 * which rescales every packet's timestamps and duration into the file's time base; encoding straight into MP4 would
 * hand the muxer audio durations in the wrong unit (see docs/decisions).
 *
 * <p>{@link #accept} never blocks the caller: the recording has its own queue, and fails (reported by {@link
 * #failure()}) rather than stall the broadcast if the disk cannot keep up.
 */
public final class FileRecording implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FileRecording.class);
    /** About a minute of a 6 Mbps stream. */
    private static final long MAX_QUEUED_BYTES = 48L << 20;

    private static final byte[] END = new byte[0];

    private final Path file;
    private final RecordingFormat format;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Thread thread;
    private volatile @Nullable String failure;
    private volatile boolean headerWritten;

    /** @throws IllegalArgumentException when the extension is not one of {@link RecordingFormat} */
    public FileRecording(Path file) {
        this.file = file;
        this.format = RecordingFormat.of(file);
        this.thread = Thread.ofPlatform().name("record " + file.getFileName()).unstarted(this::run);
    }

    /**
     * Creates the file's directory if needed and starts the recording thread.
     *
     * @throws EncoderException when the file cannot be created
     */
    public void start() {
        try {
            var parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.newOutputStream(file).close();
        } catch (IOException e) {
            throw new EncoderException("Cannot create the recording " + file + ": " + e.getMessage(), e);
        }
        thread.start();
    }

    /** Takes the next tag of the stream (headers first); returns at once. */
    public void accept(FlvTag tag) {
        if (failure != null) {
            return;
        }
        if (!headerWritten) {
            headerWritten = true;
            enqueue(FlvTag.fileHeader(true, true));
        }
        enqueue(tag.toFileBytes());
    }

    public Path file() {
        return file;
    }

    /** Why the recording stopped early, or {@code null} while it is fine. */
    public @Nullable String failure() {
        return failure;
    }

    /** Writes what is queued, finishes the file and waits for the thread. */
    @Override
    public void close() {
        queue.add(END);
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("The recording of {} is still finishing", file);
        }
    }

    private void enqueue(byte[] bytes) {
        if (queuedBytes.addAndGet(bytes.length) > MAX_QUEUED_BYTES) {
            failure = "the disk could not keep up with the recording";
            log.error("Recording to {} stopped: {}", file, failure);
            return;
        }
        queue.add(bytes);
    }

    private void run() {
        try (var in = new QueueInputStream()) {
            if (format == RecordingFormat.FLV) {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                    in.transferTo(out);
                }
            } else {
                remux(in);
            }
        } catch (Exception e) {
            failure = "recording to " + file + " failed: " + e.getMessage();
            log.error("Recording to {} failed", file, e);
            queue.clear();
        }
    }

    private void remux(InputStream in) throws Exception {
        var grabber = new FFmpegFrameGrabber(in, 0);
        grabber.setFormat("flv");
        grabber.setOption("analyzeduration", "1000000");
        try {
            grabber.startUnsafe();
            var recorder =
                    new FFmpegFrameRecorder(file.toString(), grabber.getImageWidth(), grabber.getImageHeight(), 2);
            recorder.setFormat(format.muxer());
            format.options().forEach(recorder::setOption);
            recorder.setAudioChannels(grabber.getAudioChannels());
            try {
                recorder.start(grabber.getFormatContext());
                var packet = grabber.grabPacket();
                while (packet != null) {
                    recorder.recordPacket(packet);
                    packet = grabber.grabPacket();
                }
                recorder.stop();
            } finally {
                recorder.releaseUnsafe();
            }
        } finally {
            grabber.releaseUnsafe();
        }
    }

    /** The queued bytes as one stream, ending at {@link #END}. */
    private final class QueueInputStream extends InputStream {
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (position == current.length) {
                if (ended) {
                    return -1;
                }
                try {
                    current = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
                position = 0;
                queuedBytes.addAndGet(-current.length);
                if (current == END) {
                    ended = true;
                }
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }
    }
}
