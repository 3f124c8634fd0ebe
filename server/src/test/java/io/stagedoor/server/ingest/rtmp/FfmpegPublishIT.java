package io.stagedoor.server.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.media.rtmp.RtmpLimits;
import io.stagedoor.media.rtmp.RtmpMessage;
import io.stagedoor.server.testing.RunningProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import org.junit.jupiter.api.Test;

/** Debian's ffmpeg publishes three seconds of H.264 and AAC to the server, as an encoder in the field would. */
class FfmpegPublishIT {

    @Test
    void ffmpegPublishesKeyMetadataSequenceHeadersAndKeyframes() throws Exception {
        var publisher = new RecordingPublisher();
        try (var server = RtmpServer.start(
                ServerSocketFactory.getDefault(),
                "127.0.0.1",
                0,
                RtmpLimits.DEFAULTS,
                publisher,
                new Admission(10, 10, 10, 1L << 30))) {
            var command = List.of(
                    "ffmpeg",
                    "-hide_banner",
                    "-loglevel",
                    "error",
                    "-nostdin",
                    "-re",
                    "-f",
                    "lavfi",
                    "-i",
                    "testsrc2=size=320x240:rate=30",
                    "-f",
                    "lavfi",
                    "-i",
                    "sine",
                    "-c:v",
                    "libx264",
                    "-c:a",
                    "aac",
                    "-t",
                    "3",
                    "-f",
                    "flv",
                    "rtmp://127.0.0.1:" + server.port() + "/live/stage-key-1");
            RecordingPublisher.Recorded session;
            try (var ffmpeg = RunningProcess.start(command, Map.of())) {
                session = publisher.nextSession();
                assertThat(ffmpeg.awaitExit(Duration.ofSeconds(60)))
                        .as("ffmpeg's exit; it said: %s", ffmpeg.output())
                        .isZero();
            }
            assertThat(session.ended.get(10, TimeUnit.SECONDS)).isEqualTo("the publisher stopped");

            assertThat(session.key).isEqualTo("stage-key-1");
            assertThat(session.client.app()).isEqualTo("live");
            assertThat(session.metadata).hasSize(1);
            assertThat(session.metadata.getFirst())
                    .containsEntry("width", 320.0)
                    .containsEntry("height", 240.0)
                    .containsEntry("videocodecid", 7.0)
                    .containsEntry("audiocodecid", 10.0);

            var media = new ArrayList<>(session.media);
            var video =
                    media.stream().filter(m -> m.type() == RtmpMessage.VIDEO).toList();
            var audio =
                    media.stream().filter(m -> m.type() == RtmpMessage.AUDIO).toList();
            assertThat(video.getFirst().payload())
                    .as("the AVC sequence header first: a keyframe of AVC, packet type 0")
                    .startsWith(0x17, 0x00);
            assertThat(video.getFirst().payload()[5])
                    .as("AVCDecoderConfigurationRecord version")
                    .isEqualTo((byte) 1);
            assertThat(audio.getFirst().payload())
                    .as("the AAC sequence header first: AAC, packet type 0")
                    .startsWith(0xAF, 0x00);
            var keyframes = video.stream()
                    .filter(m -> m.payload()[0] == 0x17 && m.payload()[1] == 1)
                    .toList();
            assertThat(keyframes).isNotEmpty();
            assertThat(keyframes.getFirst()).isSameAs(video.get(1));
            assertThat(video.size()).as("about 90 frames and the header").isBetween(80, 95);
            assertThat(video).extracting(RecordingPublisher.Media::timestamp).isSorted();
            assertThat(video.getLast().timestamp()).isBetween(2800L, 3100L);
            assertThat(audio.getLast().timestamp()).isBetween(2800L, 3100L);
        }
    }
}
