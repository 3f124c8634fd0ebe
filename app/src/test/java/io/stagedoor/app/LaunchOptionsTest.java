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
}
