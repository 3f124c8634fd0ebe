package io.stagedoor.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.encoder.rtmp.RtmpUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network between the encoder and a real nginx-rtmp is cut for 5 s by a TCP proxy in the middle. */
class ReconnectIT {

    @TempDir
    Path dir;

    @Test
    void aFiveSecondCutIsRiddenOutWithoutStoppingTheEncoder() throws Exception {
        try (var nginx = NginxRtmp.start(dir, "key");
                var proxy = new TcpProxy(nginx.port())) {
            var states = new CopyOnWriteArrayList<BroadcastState>();
            var stats = new CopyOnWriteArrayList<BroadcastStats>();
            var settings = BroadcastSettings.of(Preset.P720_30.settings())
                    .withDestination(RtmpUrl.parse("rtmp://127.0.0.1:" + proxy.port() + "/live/key"));
            BroadcastStats last;
            long framesBeforeCut;
            try (var broadcast = Broadcast.start(settings, new BroadcastListener() {
                @Override
                public void stats(BroadcastStats s) {
                    stats.add(s);
                }

                @Override
                public void stateChanged(BroadcastState from, BroadcastState to, String reason) {
                    states.add(to);
                }
            })) {
                Thread.sleep(6_000);
                framesBeforeCut = broadcast.stats().framesEncoded();
                proxy.cut(Duration.ofSeconds(5));
                Thread.sleep(2_500);
                var during = broadcast.stats();
                assertThat(during.state()).isEqualTo(BroadcastState.RECONNECTING);
                assertThat(during.connection().connected()).isFalse();
                assertThat(during.connection().nextAttemptAt())
                        .as("the next attempt's time")
                        .isNotNull();
                assertThat(during.framesEncoded()).as("the encoder goes on").isGreaterThan(framesBeforeCut + 45);
                // Reconnection attempts come after 2 s, then 3 s more (± 10 %): the second lands after the cut.
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (broadcast.state() != BroadcastState.LIVE && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(broadcast.state()).as("reconnected by itself").isEqualTo(BroadcastState.LIVE);
                Thread.sleep(6_000);
                last = broadcast.stats();
            }

            assertThat(states)
                    .containsSubsequence(
                            BroadcastState.LIVE,
                            BroadcastState.RECONNECTING,
                            BroadcastState.LIVE,
                            BroadcastState.STOPPED);
            var connection = last.connection();
            assertThat(connection.outages()).isEqualTo(1);
            assertThat(connection.totalOutage()).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(12));
            assertThat(last.droppedNetwork().video())
                    .as("frames lost in the outage")
                    .isGreaterThan(60);
            assertThat(last.droppedEncoder()).isLessThan(30);
            assertThat(stats)
                    .as("memory stays bounded: the queue never holds more than the drop policy allows")
                    .allSatisfy(s -> assertThat(s.sendBufferMillis())
                            .isLessThanOrEqualTo(
                                    settings.dropPolicy().maxDepth().toMillis()));

            List<Path> recordings = nginx.recordings();
            assertThat(recordings).as("one recording per publish").hasSize(2);
            var resumed = recordings.get(1);
            var keyframes = Ffprobe.keyframeTimes(resumed);
            assertThat(keyframes).isNotEmpty();
            assertThat(keyframes.getFirst())
                    .as("the new publish starts with a keyframe")
                    .isLessThan(0.1);
            assertThat(Ffprobe.stream(resumed, "v:0")).containsEntry("width", "1280");
            assertThat(Ffprobe.stream(resumed, "a:0")).containsEntry("codec_name", "aac");
            assertThat(Ffprobe.decodableVideoFrames(resumed))
                    .as("the stream resumed")
                    .isGreaterThan(120);
        }
    }
}
