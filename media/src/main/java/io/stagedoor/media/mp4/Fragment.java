package io.stagedoor.media.mp4;

import io.stagedoor.media.MalformedMediaException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One CMAF fragment, {@code moof} and its {@code mdat} (with any boxes written just before them, such as {@code styp}
 * or {@code prft}): the unit an LL-HLS part is made of.
 *
 * @param sequence the {@code mfhd} sequence number
 * @param runs what the fragment holds of each track
 * @param bytes the fragment as it was written, to serve as it is
 */
public record Fragment(long sequence, List<TrackRun> runs, byte[] bytes) {

    /** The largest sample count one run may declare: a 200 ms fragment of 48 kHz audio holds ten. */
    static final long MAX_SAMPLES = 1_000_000;

    private static final int SAMPLE_IS_NON_SYNC = 0x10000;

    /**
     * The samples of one track in the fragment.
     *
     * @param baseDecodeTime the first sample's decode time ({@code tfdt}), in the track's timescale
     * @param duration all its samples' durations together, in the track's timescale
     * @param firstIsSync whether the first sample can be decoded on its own (a keyframe)
     */
    public record TrackRun(
            InitSegment.Track track, long baseDecodeTime, long duration, long samples, boolean firstIsSync) {

        public Duration start() {
            return ticks(baseDecodeTime);
        }

        public Duration length() {
            return ticks(duration);
        }

        private Duration ticks(long ticks) {
            long seconds = ticks / track.timescale();
            long rest = ticks % track.timescale();
            return Duration.ofSeconds(seconds, rest * 1_000_000_000L / track.timescale());
        }
    }

    public Fragment {
        runs = List.copyOf(runs);
    }

    /** The run that times the fragment: the video track's, or the first when there is no video. */
    public TrackRun timing() {
        return runs.stream().filter(r -> r.track().isVideo()).findFirst().orElse(runs.getFirst());
    }

    /** A player can start here: the video (when there is video) begins with a keyframe. */
    public boolean independent() {
        return runs.stream().filter(r -> r.track().isVideo()).allMatch(TrackRun::firstIsSync);
    }

    public Duration duration() {
        return timing().length();
    }

    /**
     * The fragment made of {@code moof} and {@code mdat}, with {@code before} (boxes written just before the {@code
     * moof}) kept in front of them.
     */
    public static Fragment of(InitSegment init, List<Box> before, Box moof, Box mdat) throws MalformedMediaException {
        if (!moof.type().equals("moof") || !mdat.type().equals("mdat")) {
            throw new MalformedMediaException(
                    "A fragment is moof then mdat, not " + moof.type() + " then " + mdat.type());
        }
        var bytes = moof.bytes();
        var children = Children.of(bytes, moof.headerSize(), bytes.length);
        var mfhd = new Children.Fields(bytes, Children.required(children, "mfhd", "moof"));
        mfhd.skip(4);
        long sequence = mfhd.u32();
        var runs = new ArrayList<TrackRun>();
        for (var traf : children) {
            if (traf.type().equals("traf")) {
                runs.add(run(init, bytes, traf));
            }
        }
        if (runs.isEmpty()) {
            throw new MalformedMediaException("A moof box without a traf box");
        }
        int size = moof.bytes().length + mdat.bytes().length;
        for (var box : before) {
            size += box.bytes().length;
        }
        var all = new byte[size];
        int at = 0;
        for (var box : before) {
            System.arraycopy(box.bytes(), 0, all, at, box.bytes().length);
            at += box.bytes().length;
        }
        System.arraycopy(moof.bytes(), 0, all, at, moof.bytes().length);
        System.arraycopy(mdat.bytes(), 0, all, at + moof.bytes().length, mdat.bytes().length);
        return new Fragment(sequence, runs, all);
    }

    private static TrackRun run(InitSegment init, byte[] bytes, Children.Child traf) throws MalformedMediaException {
        var inTraf = Children.of(bytes, traf.contentStart(), traf.end());
        var tfhd = new Children.Fields(bytes, Children.required(inTraf, "tfhd", "traf"));
        long tfhdFlags = tfhd.u32() & 0xFFFFFF;
        long trackId = tfhd.u32();
        var track = init.track(trackId)
                .orElseThrow(() -> new MalformedMediaException(
                        "A fragment of track " + trackId + ", which the header does not declare"));
        if ((tfhdFlags & 0x1) != 0) {
            tfhd.skip(8); // base data offset
        }
        if ((tfhdFlags & 0x2) != 0) {
            tfhd.skip(4); // sample description index
        }
        long defaultDuration = (tfhdFlags & 0x8) != 0 ? tfhd.u32() : track.defaultSampleDuration();
        if ((tfhdFlags & 0x10) != 0) {
            tfhd.skip(4); // default sample size
        }
        long defaultFlags = (tfhdFlags & 0x20) != 0 ? tfhd.u32() : track.defaultSampleFlags();

        var tfdtChild = Children.required(inTraf, "tfdt", "traf");
        var tfdt = new Children.Fields(bytes, tfdtChild);
        int tfdtVersion = tfdt.u8();
        tfdt.skip(3);
        long baseDecodeTime = tfdtVersion == 1 ? tfdt.u64() : tfdt.u32();

        long duration = 0;
        long samples = 0;
        Boolean firstIsSync = null;
        for (var child : inTraf) {
            if (!child.type().equals("trun")) {
                continue;
            }
            var trun = new Children.Fields(bytes, child);
            long trunFlags = trun.u32() & 0xFFFFFF;
            long count = trun.u32();
            if (count > MAX_SAMPLES) {
                throw new MalformedMediaException("A trun box of " + count + " samples");
            }
            if ((trunFlags & 0x1) != 0) {
                trun.skip(4); // data offset
            }
            Long firstFlags = (trunFlags & 0x4) != 0 ? trun.u32() : null;
            boolean hasDuration = (trunFlags & 0x100) != 0;
            boolean hasSize = (trunFlags & 0x200) != 0;
            boolean hasFlags = (trunFlags & 0x400) != 0;
            boolean hasOffset = (trunFlags & 0x800) != 0;
            if (!hasDuration && !hasSize && !hasFlags && !hasOffset) {
                duration += count * defaultDuration;
                if (firstIsSync == null && count > 0) {
                    firstIsSync = isSync(firstFlags != null ? firstFlags : defaultFlags);
                }
            } else {
                for (long i = 0; i < count; i++) {
                    duration += hasDuration ? trun.u32() : defaultDuration;
                    if (hasSize) {
                        trun.skip(4);
                    }
                    long flags = hasFlags ? trun.u32() : defaultFlags;
                    if (hasOffset) {
                        trun.skip(4);
                    }
                    if (firstIsSync == null) {
                        firstIsSync = isSync(i == 0 && firstFlags != null ? firstFlags : flags);
                    }
                }
            }
            samples += count;
        }
        return new TrackRun(track, baseDecodeTime, duration, samples, firstIsSync != null && firstIsSync);
    }

    private static boolean isSync(long sampleFlags) {
        return (sampleFlags & SAMPLE_IS_NON_SYNC) == 0;
    }

    @Override
    public String toString() {
        return "Fragment[" + sequence + ", " + duration().toMillis() + " ms, " + (independent() ? "independent, " : "")
                + bytes.length + " bytes]";
    }
}
