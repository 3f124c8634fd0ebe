package io.stagedoor.encoder.cli;

import io.stagedoor.encoder.Broadcast;
import io.stagedoor.encoder.BroadcastListener;
import io.stagedoor.encoder.BroadcastSettings;
import io.stagedoor.encoder.BroadcastState;
import io.stagedoor.encoder.BroadcastStats;
import io.stagedoor.encoder.EncoderException;
import io.stagedoor.encoder.EncoderSettings;
import io.stagedoor.encoder.Preset;
import io.stagedoor.encoder.VideoSettings;
import io.stagedoor.encoder.codec.EncoderPreference;
import io.stagedoor.encoder.record.RecordingFormat;
import io.stagedoor.encoder.rtmp.RtmpUrl;
import io.stagedoor.encoder.source.AudioDevices;
import io.stagedoor.encoder.source.AudioInput;
import io.stagedoor.encoder.source.Cameras;
import io.stagedoor.encoder.source.VideoSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * {@code stagedoor-encoder --source testpattern --url rtmp://host/live/KEY [--record out.mp4] [--preset 1080p30]}:
 * broadcasts in real time, printing one line of stats per second, until {@code --duration} has passed or it is
 * interrupted (Ctrl-C).
 *
 * <p>Exit codes: 0 done, 1 the broadcast failed (unreachable host, refused key, broken source…), 2 the arguments are
 * wrong.
 */
public final class EncoderCli {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;

    EncoderCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new EncoderCli(System.out, System.err).run(List.of(args)));
    }

    static String usage() {
        return """
                Usage: stagedoor-encoder --source SOURCE [--url rtmp://HOST/APP/KEY] [--record FILE] [options]
                       stagedoor-encoder --list-cameras | --list-audio-inputs

                  --source SOURCE        testpattern, camera:N, screen (or screen::0.0), file:PATH
                  --url URL              stream to rtmp:// or rtmps://…/APP/STREAM-KEY
                  --record FILE          record to FILE.mp4 (fragmented), FILE.mkv or FILE.flv
                                         (give --url, --record or both)
                  --preset NAME          %s (default 1080p30)
                  --bitrate KBPS         video bitrate instead of the preset's
                  --allow-below-recommended
                                         stream below %d kbps anyway (shown in the stats)
                  --audio INPUT          source (the video source's sound, default), none, default (the default
                                         input device) or a device name
                  --encoder NAME         auto (hardware when it works, default) or x264
                  --reconnect-max TIME   longest wait between reconnection attempts (default 30s)
                  --duration TIME        stop after 90, 90s or 2m (default: run until interrupted)
                  --list-cameras         list the cameras and exit
                  --list-audio-inputs    list the audio inputs and exit

                Exit codes: 0 done, 1 failed, 2 wrong arguments.
                """.formatted(
                        Arrays.stream(Preset.values()).map(Preset::id).collect(Collectors.joining(", ")),
                        Preset.RECOMMENDED_MINIMUM_KBPS);
    }

    int run(List<String> args) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(usage());
            return EXIT_OK;
        }
        if (args.contains("--list-cameras")) {
            var cameras = Cameras.list();
            if (cameras.isEmpty()) {
                out.println("No cameras found.");
            }
            cameras.forEach(c -> out.printf("camera:%d  %s  (%s)%n", c.index(), c.name(), c.input()));
            return EXIT_OK;
        }
        if (args.contains("--list-audio-inputs")) {
            var inputs = AudioDevices.list();
            if (inputs.isEmpty()) {
                out.println("No audio inputs found (--audio default still opens the system's default input).");
            }
            inputs.forEach(d -> out.printf("%s  (%s)%n", d.name(), d.description()));
            return EXIT_OK;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("stagedoor-encoder: " + e.getMessage());
            err.print(usage());
            return EXIT_USAGE;
        }
        return broadcast(options);
    }

    private int broadcast(Options options) {
        var done = new CountDownLatch(1);
        var failure = new String[1];
        BroadcastListener printer = new BroadcastListener() {
            @Override
            public void stats(BroadcastStats stats) {
                out.println(stats.line());
            }

            @Override
            public void stateChanged(BroadcastState from, BroadcastState to, String reason) {
                out.println("state: " + to + " (" + reason + ")");
                if (to == BroadcastState.FAILED) {
                    failure[0] = reason;
                    done.countDown();
                }
            }

            @Override
            public void sourceProblem(String message) {
                err.println("stagedoor-encoder: source: " + message);
            }
        };
        Broadcast broadcast;
        try {
            broadcast = Broadcast.start(options.settings(), printer);
        } catch (EncoderException e) {
            err.println("stagedoor-encoder: " + e.getMessage());
            return EXIT_FAILED;
        }
        out.println("Video encoder: " + broadcast.encoderChoice().summary());
        var hook = Thread.ofPlatform().unstarted(() -> {
            done.countDown();
            broadcast.close();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            var duration = options.duration();
            if (duration == null) {
                done.await();
            } else {
                done.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            broadcast.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook closes the broadcast itself.
            }
        }
        var stats = broadcast.stats();
        out.println(stats.line());
        if (failure[0] != null) {
            err.println("stagedoor-encoder: " + failure[0]);
            return EXIT_FAILED;
        }
        if (stats.recordingProblem() != null) {
            err.println("stagedoor-encoder: " + stats.recordingProblem());
            return EXIT_FAILED;
        }
        return EXIT_OK;
    }

    record Options(BroadcastSettings settings, @Nullable Duration duration) {

        static Options parse(List<String> args) {
            String source = null;
            Path record = null;
            RtmpUrl url = null;
            Duration duration = null;
            Integer bitrate = null;
            boolean allowBelow = false;
            AudioInput audio = new AudioInput.FromVideoSource();
            var encoder = EncoderPreference.AUTO;
            Duration reconnectMax = null;
            var preset = Preset.P1080_30;
            for (int i = 0; i < args.size(); i++) {
                var name = args.get(i);
                if (!name.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument \"" + name + "\"");
                }
                if (name.equals("--allow-below-recommended")) {
                    allowBelow = true;
                    continue;
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                var value = args.get(++i);
                switch (name) {
                    case "--source" -> source = value;
                    case "--record" -> record = Path.of(value);
                    case "--url" -> url = RtmpUrl.parse(value);
                    case "--duration" -> duration = parseDuration(name, value);
                    case "--reconnect-max" -> reconnectMax = parseDuration(name, value);
                    case "--bitrate" -> bitrate = parseKbps(value);
                    case "--audio" -> audio = parseAudio(value);
                    case "--encoder" -> encoder = parseEncoder(value);
                    case "--preset" ->
                        preset = Preset.byId(value)
                                .orElseThrow(() -> new IllegalArgumentException("unknown preset \"" + value
                                        + "\"; choose one of "
                                        + Arrays.stream(Preset.values())
                                                .map(Preset::id)
                                                .collect(Collectors.joining(", "))));
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (source == null) {
                throw new IllegalArgumentException("--source is required");
            }
            var video = VideoSource.parse(source);
            if (url == null && record == null) {
                throw new IllegalArgumentException("give --url to stream, --record to record, or both");
            }
            if (record != null) {
                RecordingFormat.of(record);
            }
            var encoderSettings = preset.settings();
            if (bitrate != null) {
                var v = encoderSettings.video();
                encoderSettings = new EncoderSettings(
                        new VideoSettings(v.width(), v.height(), v.frameRate(), bitrate, v.keyframeInterval()),
                        encoderSettings.audio());
            }
            var settings = BroadcastSettings.of(encoderSettings)
                    .withVideo(video)
                    .withAudio(audio)
                    .withDestination(url)
                    .withRecording(record)
                    .withAllowBelowRecommended(allowBelow)
                    .withEncoderPreference(encoder);
            if (reconnectMax != null) {
                var reconnect = settings.reconnect();
                if (reconnectMax.compareTo(reconnect.first()) < 0) {
                    throw new IllegalArgumentException("--reconnect-max must be at least "
                            + reconnect.first().toSeconds() + "s");
                }
                settings = settings.withReconnect(reconnect.withMax(reconnectMax));
            }
            return new Options(settings, duration);
        }

        static Duration parseDuration(String option, String text) {
            var matcher = Pattern.compile("(\\d{1,6})([sm]?)").matcher(text.strip());
            if (!matcher.matches()) {
                throw new IllegalArgumentException(option + " must look like 90, 90s or 2m, was \"" + text + "\"");
            }
            long amount = Long.parseLong(matcher.group(1));
            var duration = matcher.group(2).equals("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
            if (duration.isZero()) {
                throw new IllegalArgumentException(option + " must be more than zero");
            }
            return duration;
        }

        static Duration parseDuration(String text) {
            return parseDuration("--duration", text);
        }

        private static int parseKbps(String text) {
            try {
                return Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--bitrate is in kbps, as in 6000; was \"" + text + "\"");
            }
        }

        private static AudioInput parseAudio(String text) {
            return switch (text) {
                case "source" -> new AudioInput.FromVideoSource();
                case "none" -> new AudioInput.Silence();
                case "default" -> new AudioInput.Device(null);
                default -> new AudioInput.Device(text);
            };
        }

        private static EncoderPreference parseEncoder(String text) {
            return switch (text) {
                case "auto" -> EncoderPreference.AUTO;
                case "x264" -> EncoderPreference.SOFTWARE;
                default -> throw new IllegalArgumentException("unknown encoder \"" + text + "\"; choose auto or x264");
            };
        }
    }
}
