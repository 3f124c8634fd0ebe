package io.stagedoor.media.mp4;

import io.stagedoor.media.MalformedMediaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A CMAF header, {@code ftyp} and {@code moov}: what a player needs before any fragment, and the tracks the fragments
 * refer to.
 *
 * @param bytes {@code ftyp} and {@code moov} as they were written, to serve as the HLS map ({@code EXT-X-MAP})
 * @param tracks each track's ID, kind, timescale and fragment defaults
 */
public record InitSegment(byte[] bytes, List<Track> tracks) {

    /**
     * One track.
     *
     * @param handler {@code vide} or {@code soun}
     * @param timescale ticks per second of its decode times and durations
     * @param defaultSampleDuration the {@code trex} default, used when a fragment gives none
     * @param defaultSampleFlags the {@code trex} default, used when a fragment gives none
     */
    public record Track(long id, String handler, long timescale, long defaultSampleDuration, long defaultSampleFlags) {

        public boolean isVideo() {
            return handler.equals("vide");
        }
    }

    public InitSegment {
        tracks = List.copyOf(tracks);
    }

    public Optional<Track> track(long id) {
        return tracks.stream().filter(t -> t.id() == id).findFirst();
    }

    /** The header from its two boxes. */
    public static InitSegment of(Box ftyp, Box moov) throws MalformedMediaException {
        if (!ftyp.type().equals("ftyp") || !moov.type().equals("moov")) {
            throw new MalformedMediaException(
                    "A CMAF header is ftyp then moov, not " + ftyp.type() + " then " + moov.type());
        }
        var bytes = moov.bytes();
        var children = Children.of(bytes, moov.headerSize(), bytes.length);
        var defaults = new ArrayList<long[]>(); // track id, duration, flags
        var mvex = Children.first(children, "mvex");
        if (mvex != null) {
            for (var trex : Children.of(bytes, mvex.contentStart(), mvex.end())) {
                if (trex.type().equals("trex")) {
                    var fields = new Children.Fields(bytes, trex);
                    fields.skip(4); // version and flags
                    long id = fields.u32();
                    fields.skip(4); // default sample description index
                    long duration = fields.u32();
                    fields.skip(4); // default sample size
                    long flags = fields.u32();
                    defaults.add(new long[] {id, duration, flags});
                }
            }
        }
        var tracks = new ArrayList<Track>();
        for (var trak : children) {
            if (!trak.type().equals("trak")) {
                continue;
            }
            var inTrak = Children.of(bytes, trak.contentStart(), trak.end());
            var tkhd = new Children.Fields(bytes, Children.required(inTrak, "tkhd", "trak"));
            int tkhdVersion = tkhd.u8();
            tkhd.skip(3 + (tkhdVersion == 1 ? 16 : 8)); // flags, creation and modification times
            long id = tkhd.u32();
            var mdia = Children.required(inTrak, "mdia", "trak");
            var inMdia = Children.of(bytes, mdia.contentStart(), mdia.end());
            var mdhd = new Children.Fields(bytes, Children.required(inMdia, "mdhd", "mdia"));
            int mdhdVersion = mdhd.u8();
            mdhd.skip(3 + (mdhdVersion == 1 ? 16 : 8));
            long timescale = mdhd.u32();
            if (timescale == 0) {
                throw new MalformedMediaException("Track " + id + " has a timescale of 0");
            }
            var hdlr = new Children.Fields(bytes, Children.required(inMdia, "hdlr", "mdia"));
            hdlr.skip(8); // version, flags, pre-defined
            var handler = hdlr.fourCc();
            long duration = 0;
            long flags = 0;
            for (var d : defaults) {
                if (d[0] == id) {
                    duration = d[1];
                    flags = d[2];
                }
            }
            tracks.add(new Track(id, handler, timescale, duration, flags));
        }
        if (tracks.isEmpty()) {
            throw new MalformedMediaException("A moov box without tracks");
        }
        var both = new byte[ftyp.bytes().length + bytes.length];
        System.arraycopy(ftyp.bytes(), 0, both, 0, ftyp.bytes().length);
        System.arraycopy(bytes, 0, both, ftyp.bytes().length, bytes.length);
        return new InitSegment(both, tracks);
    }
}
