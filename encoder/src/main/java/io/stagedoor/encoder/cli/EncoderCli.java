package io.stagedoor.encoder.cli;

import io.stagedoor.encoder.EncoderException;
import io.stagedoor.encoder.EncoderSettings;
import io.stagedoor.encoder.FileEncode;
import io.stagedoor.encoder.Preset;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code stagedoor-encoder --source testpattern --record out.flv [--duration 10s] [--preset 1080p30]}.
 *
 * <p>Exit codes: 0 done, 1 the encode failed, 2 the arguments are wrong.
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
                Usage: stagedoor-encoder --source testpattern --record FILE.flv [--duration 10s] [--preset 1080p30]

                  --source testpattern   a moving test picture with a 1 kHz tone
                  --record FILE.flv      where to write H.264 High + AAC-LC in FLV
                  --duration TIME        how much to encode: 90, 90s or 2m (default 10s)
                  --preset NAME          %s (default 1080p30)
                """.formatted(Arrays.stream(Preset.values()).map(Preset::id).collect(Collectors.joining(", ")));
    }

    int run(List<String> args) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(usage());
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
        try {
            var result = new FileEncode(options.settings()).testPattern(options.duration(), options.record());
            out.printf(
                    Locale.ROOT,
                    "Recorded %d frames (%.1f s) to %s: %.1f MB, %.2f Mbps on average%n",
                    result.videoFrames(),
                    result.mediaDuration().toMillis() / 1000.0,
                    result.file(),
                    result.bytes() / 1e6,
                    result.bytes() * 8.0 / (result.mediaDuration().toMillis() * 1000.0));
            return EXIT_OK;
        } catch (EncoderException e) {
            err.println("stagedoor-encoder: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    record Options(Path record, Duration duration, EncoderSettings settings) {

        static Options parse(List<String> args) {
            String source = null;
            Path record = null;
            Duration duration = Duration.ofSeconds(10);
            var preset = Preset.P1080_30;
            for (int i = 0; i < args.size(); i++) {
                var name = args.get(i);
                if (!name.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument \"" + name + "\"");
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                var value = args.get(++i);
                switch (name) {
                    case "--source" -> source = value;
                    case "--record" -> record = Path.of(value);
                    case "--duration" -> duration = parseDuration(value);
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
            if (!source.equals("testpattern")) {
                throw new IllegalArgumentException(
                        "unknown source \"" + source + "\"; the available source is" + " testpattern");
            }
            if (record == null) {
                throw new IllegalArgumentException("--record is required");
            }
            return new Options(record, duration, preset.settings());
        }

        static Duration parseDuration(String text) {
            var matcher = Pattern.compile("(\\d{1,6})([sm]?)").matcher(text.strip());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("--duration must look like 90, 90s or 2m, was \"" + text + "\"");
            }
            long amount = Long.parseLong(matcher.group(1));
            var duration = matcher.group(2).equals("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
            if (duration.isZero()) {
                throw new IllegalArgumentException("--duration must be more than zero");
            }
            return duration;
        }
    }
}
