package io.stagedoor.server.packaging;

import io.stagedoor.media.MalformedMediaException;
import io.stagedoor.media.mp4.Box;
import io.stagedoor.media.mp4.BoxReader;
import io.stagedoor.media.mp4.Fragment;
import io.stagedoor.media.mp4.InitSegment;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Cuts one rendition's CMAF into what LL-HLS serves: {@code ftyp+moov} is the init segment, each {@code moof+mdat}
 * (with the boxes written just before it) a part, and a segment closes at the first independent part past the target
 * duration, so that every segment starts with a keyframe and lasts at least the target. Fed the top-level boxes in
 * order ({@link #accept}, the consumer of a {@link BoxReader}); tells its listener of each, on the feeding thread. Not
 * thread-safe.
 */
public final class PartCutter implements BoxReader.Consumer {

    /** What the cutter found, as it finds it. */
    public interface Listener {
        /** The header every part of this rendition refers to; a new one (a restart) comes before its parts. */
        void init(InitSegment init);

        /** A part, complete: it can be served and listed. */
        void part(Part part);

        /** The segment is over: the next part begins another, or the stream ended. */
        void segmentClosed(Segment segment);
    }

    /**
     * A part of a segment.
     *
     * @param segment the sequence number of the segment it belongs to
     * @param index its place in the segment, from 0
     */
    public record Part(long segment, int index, Fragment fragment) {

        public boolean independent() {
            return fragment.independent();
        }

        public Duration duration() {
            return fragment.duration();
        }

        public byte[] bytes() {
            return fragment.bytes();
        }
    }

    /** A closed segment: its parts one after the other make it. */
    public record Segment(long sequence, List<Part> parts) {

        public Segment {
            parts = List.copyOf(parts);
        }

        public Duration duration() {
            return parts.stream().map(Part::duration).reduce(Duration.ZERO, Duration::plus);
        }

        /** The segment's bytes: its parts' concatenated. */
        public byte[] bytes() {
            int size = parts.stream().mapToInt(p -> p.bytes().length).sum();
            var bytes = new byte[size];
            int at = 0;
            for (var part : parts) {
                System.arraycopy(part.bytes(), 0, bytes, at, part.bytes().length);
                at += part.bytes().length;
            }
            return bytes;
        }
    }

    private final Duration target;
    private final Listener listener;
    private long nextSequence;
    private @Nullable Box ftyp;
    private @Nullable InitSegment init;
    private final List<Box> before = new ArrayList<>();
    private @Nullable Box moof;
    private final List<Part> open = new ArrayList<>();
    private Duration openDuration = Duration.ZERO;

    /**
     * @param target the duration a segment reaches before it closes at the next independent part
     * @param firstSequence the sequence number of the first segment
     */
    public PartCutter(Duration target, long firstSequence, Listener listener) {
        if (!target.isPositive()) {
            throw new IllegalArgumentException("A segment's target duration must be positive: " + target);
        }
        this.target = target;
        this.nextSequence = firstSequence;
        this.listener = listener;
    }

    @Override
    public void accept(Box box) throws IOException {
        switch (box.type()) {
            case "ftyp" -> {
                closeSegment();
                ftyp = box;
                init = null;
            }
            case "moov" -> {
                if (ftyp == null) {
                    throw new MalformedMediaException("A moov box without the ftyp box before it");
                }
                var header = InitSegment.of(ftyp, box);
                init = header;
                listener.init(header);
            }
            case "moof" -> {
                requireInit(box);
                if (moof != null) {
                    throw new MalformedMediaException("A moof box after a moof box, with no mdat between");
                }
                moof = box;
            }
            case "mdat" -> {
                var header = requireInit(box);
                var fragmentHead = moof;
                if (fragmentHead == null) {
                    throw new MalformedMediaException("An mdat box without the moof box before it");
                }
                moof = null;
                var fragment = Fragment.of(header, before, fragmentHead, box);
                before.clear();
                cut(fragment);
            }
            default -> {
                if (init != null) {
                    before.add(box); // styp, prft, emsg, sidx: they go with the next fragment
                }
            }
        }
    }

    /** The stream ended: the open segment closes as it is. */
    public void finish() throws IOException {
        if (moof != null) {
            throw new MalformedMediaException("The stream ended between a moof box and its mdat");
        }
        closeSegment();
    }

    /** The sequence number the next segment will have. */
    public long nextSequence() {
        return nextSequence;
    }

    private InitSegment requireInit(Box box) throws MalformedMediaException {
        var header = init;
        if (header == null) {
            throw new MalformedMediaException("A " + box.type() + " box before the ftyp and moov boxes");
        }
        return header;
    }

    private void cut(Fragment fragment) {
        if (open.isEmpty() && !fragment.independent()) {
            return; // nothing can be played from here until a keyframe
        }
        if (fragment.independent() && openDuration.compareTo(target) >= 0) {
            closeSegment();
        }
        var part = new Part(nextSequence, open.size(), fragment);
        open.add(part);
        openDuration = openDuration.plus(fragment.duration());
        listener.part(part);
    }

    private void closeSegment() {
        if (open.isEmpty()) {
            return;
        }
        listener.segmentClosed(new Segment(nextSequence, open));
        nextSequence++;
        open.clear();
        openDuration = Duration.ZERO;
    }
}
