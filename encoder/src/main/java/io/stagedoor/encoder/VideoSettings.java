package io.stagedoor.encoder;

import java.time.Duration;

/**
 * What the H.264 encoder produces. The rate control is constant bitrate, as live ingest expects.
 *
 * @param width picture width in pixels, even
 * @param height picture height in pixels, even
 * @param frameRate frames per second
 * @param bitrateKbps the constant video bitrate in kilobits (1000 bits) per second
 * @param keyframeInterval time between keyframes; match the server's HLS segment length so segments can start on
 *     one
 */
public record VideoSettings(int width, int height, int frameRate, int bitrateKbps, Duration keyframeInterval) {

    public VideoSettings {
        require(width >= 16 && width <= 7680 && width % 2 == 0, "width must be even, from 16 to 7680, was " + width);
        require(
                height >= 16 && height <= 4320 && height % 2 == 0,
                "height must be even, from 16 to 4320, was " + height);
        require(frameRate >= 1 && frameRate <= 120, "frameRate must be from 1 to 120, was " + frameRate);
        require(
                bitrateKbps >= 100 && bitrateKbps <= 100_000,
                "bitrateKbps must be from 100 to 100000, was " + bitrateKbps);
        require(
                !keyframeInterval.isNegative()
                        && keyframeInterval.compareTo(Duration.ofMillis(250)) >= 0
                        && keyframeInterval.compareTo(Duration.ofSeconds(10)) <= 0,
                "keyframeInterval must be from 0.25 s to 10 s, was " + keyframeInterval);
        long framesTimesThousand = frameRate * keyframeInterval.toMillis();
        require(
                framesTimesThousand % 1000 == 0,
                "keyframeInterval " + keyframeInterval + " is not a whole number of frames at " + frameRate + " fps");
    }

    /** Frames from one keyframe to the next (x264's keyint), e.g. 60 at 30 fps every 2 s. */
    public int gopFrames() {
        return (int) (frameRate * keyframeInterval.toMillis() / 1000);
    }

    /** Constant bitrate: the encoder may never exceed its target. */
    public int maxrateKbps() {
        return bitrateKbps;
    }

    /**
     * Half a second of video. The encoder may spend less than its rate for as long as its buffer allows (on a still
     * picture it does), so the buffer bounds how far any window of the stream falls short of the bitrate: half a
     * second keeps every 10 s window within 5 % and every second close to it, and still lets a keyframe take a third
     * of a megabyte at 6 Mbps.
     */
    public int bufsizeKbps() {
        return bitrateKbps / 2;
    }

    public String resolution() {
        return width + "x" + height;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
