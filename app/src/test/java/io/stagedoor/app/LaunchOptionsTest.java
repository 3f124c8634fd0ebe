package io.stagedoor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void theStudioKeepsItsOwnOptionAndPassesTheRestToTheLocalServer() {
        var options =
                LaunchOptions.parse(List.of("--http-port=9000", "--server-url=https://live.example.org", "--x=1"));

        assertThat(options.serverUrl()).isEqualTo("https://live.example.org");
        assertThat(options.serverFlags()).containsExactly("--http-port=9000", "--x=1");
        assertThat(LaunchOptions.parse(List.of()).serverUrl()).isNull();
    }

    @Test
    void usageNamesTheServerOnlyMode() {
        assertThat(Main.usage()).contains("--server-only").contains("--server-url=URL");
    }

    @Test
    void theSmokeTestFlagIsTheStudiosAndNeverASettingForTheServer() {
        var options = LaunchOptions.parse(List.of("--smoke-test", "--http-port=0"));

        assertThat(options.smokeTest()).isTrue();
        assertThat(options.serverFlags()).containsExactly("--http-port=0");
        assertThat(LaunchOptions.parse(List.of("--http-port=0")).smokeTest()).isFalse();
        assertThat(Main.usage()).contains("--smoke-test");
    }

    @Test
    void theImagesFfmpegProgramGoesToTheServerUnlessTheSettingsNameOne() {
        var previous = System.getProperty(Main.BUNDLED_FFMPEG);
        try {
            System.clearProperty(Main.BUNDLED_FFMPEG);
            assertThat(Main.withBundledFfmpeg(List.of("--http-port=0"))).containsExactly("--http-port=0");

            System.setProperty(Main.BUNDLED_FFMPEG, "/opt/stagedoor-studio/lib/app/ffmpeg/ffmpeg");
            assertThat(Main.withBundledFfmpeg(List.of("--smoke-test", "--http-port=0")))
                    .containsExactly(
                            "--ingest.ffmpeg=/opt/stagedoor-studio/lib/app/ffmpeg/ffmpeg",
                            "--smoke-test",
                            "--http-port=0");
            assertThat(Main.withBundledFfmpeg(List.of("--ingest-ffmpeg=/usr/bin/ffmpeg")))
                    .as("the user's choice wins")
                    .containsExactly("--ingest-ffmpeg=/usr/bin/ffmpeg");
            assertThat(Main.withBundledFfmpeg(List.of("--http-port=seventy")))
                    .as("invalid settings are left for the server to report")
                    .containsExactly("--http-port=seventy");
        } finally {
            if (previous == null) {
                System.clearProperty(Main.BUNDLED_FFMPEG);
            } else {
                System.setProperty(Main.BUNDLED_FFMPEG, previous);
            }
        }
    }
}
