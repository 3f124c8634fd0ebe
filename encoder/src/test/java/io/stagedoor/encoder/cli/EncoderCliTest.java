package io.stagedoor.encoder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Argument handling only; {@code TestPatternEncodeIT} runs real encodes. */
class EncoderCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new EncoderCli(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(args));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryOptionAndPreset() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("--source testpattern")
                .contains("--record FILE.flv")
                .contains("1080p30, 1080p60, 720p30");
    }

    @Test
    void wrongArgumentsExitWithUsageAndSayWhatIsWrong() {
        assertThat(run("--record", "x.flv")).isEqualTo(EncoderCli.EXIT_USAGE);
        assertThat(err()).contains("--source is required").contains("Usage:");

        err.reset();
        assertThat(run("--source", "webcam", "--record", "x.flv")).isEqualTo(EncoderCli.EXIT_USAGE);
        assertThat(err()).contains("unknown source \"webcam\"");

        err.reset();
        assertThat(run("--source", "testpattern", "--record", "x.flv", "--preset", "4k"))
                .isEqualTo(EncoderCli.EXIT_USAGE);
        assertThat(err()).contains("unknown preset \"4k\"; choose one of 1080p30, 1080p60, 720p30");

        err.reset();
        assertThat(run("--source", "testpattern", "--record")).isEqualTo(EncoderCli.EXIT_USAGE);
        assertThat(err()).contains("--record needs a value");

        err.reset();
        assertThat(run("--source", "testpattern", "--record", "x.flv", "--duration", "soon"))
                .isEqualTo(EncoderCli.EXIT_USAGE);
        assertThat(err()).contains("--duration must look like 90, 90s or 2m, was \"soon\"");
    }

    @Test
    void aFileThatIsNotFlvFailsBeforeAnythingIsEncoded() {
        assertThat(run("--source", "testpattern", "--record", "x.mp4", "--duration", "1"))
                .isEqualTo(EncoderCli.EXIT_FAILED);
        assertThat(err()).contains("Cannot record to \"x.mp4\": name a .flv file.");
    }

    @Test
    void durationsReadAsSecondsOrMinutes() {
        assertThat(EncoderCli.Options.parseDuration("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(EncoderCli.Options.parseDuration("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(EncoderCli.Options.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
    }
}
