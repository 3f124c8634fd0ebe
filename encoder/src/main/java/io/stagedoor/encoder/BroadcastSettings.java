package io.stagedoor.encoder;

import io.stagedoor.encoder.codec.EncoderPreference;
import io.stagedoor.encoder.publish.DropPolicy;
import io.stagedoor.encoder.publish.ReconnectSettings;
import io.stagedoor.encoder.rtmp.RtmpOptions;
import io.stagedoor.encoder.rtmp.RtmpUrl;
import io.stagedoor.encoder.source.AudioInput;
import io.stagedoor.encoder.source.VideoSource;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link Broadcast} needs; immutable. Start from {@link #of(EncoderSettings)} and change what differs
 * with the {@code with…} methods.
 *
 * @param destination where to stream; {@code null} to record only
 * @param recording the file to record to (.mp4, .mkv or .flv); {@code null} for none
 * @param allowBelowRecommended stream below {@link Preset#RECOMMENDED_MINIMUM_KBPS} on purpose (recorded in the stats)
 * @param stallTimeout a connection on which nothing could be sent for this long is dropped and re-established
 */
public record BroadcastSettings(
        EncoderSettings encoder,
        VideoSource video,
        AudioInput audio,
        @Nullable RtmpUrl destination,
        @Nullable Path recording,
        boolean allowBelowRecommended,
        EncoderPreference encoderPreference,
        ReconnectSettings reconnect,
        DropPolicy dropPolicy,
        RtmpOptions rtmp,
        Duration stallTimeout) {

    /** The test pattern with its tone, x264 or better, default reconnection and drop policy; no output yet. */
    public static BroadcastSettings of(EncoderSettings encoder) {
        return new BroadcastSettings(
                encoder,
                new VideoSource.TestPattern(),
                new AudioInput.FromVideoSource(),
                null,
                null,
                false,
                EncoderPreference.AUTO,
                ReconnectSettings.defaults(),
                DropPolicy.defaults(),
                RtmpOptions.defaults(),
                Duration.ofSeconds(5));
    }

    public BroadcastSettings withVideo(VideoSource newVideo) {
        return new BroadcastSettings(
                encoder,
                newVideo,
                audio,
                destination,
                recording,
                allowBelowRecommended,
                encoderPreference,
                reconnect,
                dropPolicy,
                rtmp,
                stallTimeout);
    }

    public BroadcastSettings withAudio(AudioInput newAudio) {
        return new BroadcastSettings(
                encoder,
                video,
                newAudio,
                destination,
                recording,
                allowBelowRecommended,
                encoderPreference,
                reconnect,
                dropPolicy,
                rtmp,
                stallTimeout);
    }

    public BroadcastSettings withDestination(@Nullable RtmpUrl newDestination) {
        return new BroadcastSettings(
                encoder,
                video,
                audio,
                newDestination,
                recording,
                allowBelowRecommended,
                encoderPreference,
                reconnect,
                dropPolicy,
                rtmp,
                stallTimeout);
    }

    public BroadcastSettings withRecording(@Nullable Path newRecording) {
        return new BroadcastSettings(
                encoder,
                video,
                audio,
                destination,
                newRecording,
                allowBelowRecommended,
                encoderPreference,
                reconnect,
                dropPolicy,
                rtmp,
                stallTimeout);
    }

    public BroadcastSettings withAllowBelowRecommended(boolean allow) {
        return new BroadcastSettings(
                encoder,
                video,
                audio,
                destination,
                recording,
                allow,
                encoderPreference,
                reconnect,
                dropPolicy,
                rtmp,
                stallTimeout);
    }

    public BroadcastSettings withEncoderPreference(EncoderPreference preference) {
        return new BroadcastSettings(
                encoder,
                video,
                audio,
                destination,
                recording,
                allowBelowRecommended,
                preference,
                reconnect,
                dropPolicy,
                rtmp,
                stallTimeout);
    }

    public BroadcastSettings withReconnect(ReconnectSettings newReconnect) {
        return new BroadcastSettings(
                encoder,
                video,
                audio,
                destination,
                recording,
                allowBelowRecommended,
                encoderPreference,
                newReconnect,
                dropPolicy,
                rtmp,
                stallTimeout);
    }

    public BroadcastSettings withRtmp(RtmpOptions newRtmp) {
        return new BroadcastSettings(
                encoder,
                video,
                audio,
                destination,
                recording,
                allowBelowRecommended,
                encoderPreference,
                reconnect,
                dropPolicy,
                newRtmp,
                stallTimeout);
    }

    /** Whether the stream's video bitrate is under the recommended minimum. */
    public boolean belowRecommended() {
        return encoder.video().bitrateKbps() < Preset.RECOMMENDED_MINIMUM_KBPS;
    }

    /**
     * @throws EncoderException when there is nothing to do, or the stream would go out below the recommended minimum
     *     without the override
     */
    void validate() {
        if (destination == null && recording == null) {
            throw new EncoderException("Nothing to do: give a URL to stream to, a file to record to, or both.");
        }
        if (destination != null) {
            validateStream();
        }
    }

    /** @throws EncoderException when a stream would go out below the recommended minimum without the override */
    void validateStream() {
        if (belowRecommended() && !allowBelowRecommended) {
            throw new EncoderException("A stream at " + encoder.video().bitrateKbps()
                    + " kbps is below the recommended "
                    + Preset.RECOMMENDED_MINIMUM_KBPS + " kbps, and viewers would see a worse picture than promised."
                    + " Raise the bitrate, or allow it explicitly (--allow-below-recommended).");
        }
    }
}
