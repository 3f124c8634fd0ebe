package io.stagedoor.app.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.events.EndedBy;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.live.StreamState;
import io.stagedoor.api.live.StreamStop;
import io.stagedoor.encoder.Preset;
import io.stagedoor.encoder.meter.BitrateState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every string the broadcast and monitor screens show comes from the bundle, and the bundle has all of them. */
class BroadcastBundleTest {

    private final java.util.ResourceBundle texts = BroadcastView.bundle(Locale.ENGLISH);

    @Test
    void keysBuiltFromEnumsExist() {
        var keys = new ArrayList<String>();
        for (var state : BitrateState.values()) {
            keys.add("meter.state." + state.name());
        }
        for (var phase : BroadcastPhase.values()) {
            keys.add("phase." + phase.name());
        }
        for (var state : StreamState.values()) {
            keys.add("monitor.state." + state.name());
        }
        for (var preset : Preset.values()) {
            keys.add("preset.explanation." + preset.id());
        }
        for (var status : EventStatus.values()) {
            keys.add("show.state." + status.name());
        }
        for (var by : EndedBy.values()) {
            keys.add("show.state.ENDED." + by.name());
            keys.add("monitor.ended." + by.name());
        }
        for (var stop : StreamStop.values()) {
            keys.add("monitor.stop." + stop.name());
        }
        assertThat(keys)
                .allSatisfy(key -> assertThat(texts.containsKey(key)).as(key).isTrue());
    }

    @Test
    void everyKeyTheScreensNameIsInTheBundle() throws IOException {
        var literal = Pattern.compile("(?:getString|text)\\(\\s*\"([a-zA-Z]+(?:\\.[a-zA-Z]+)+)\"\\s*[,)]");
        var missing = new ArrayList<String>();
        int found = 0;
        for (var folder : new String[] {"broadcast", "monitor"}) {
            try (Stream<Path> files = Files.list(Path.of("src/main/java/io/stagedoor/app", folder))) {
                for (var file : files.toList()) {
                    var matcher = literal.matcher(Files.readString(file));
                    while (matcher.find()) {
                        found++;
                        if (!texts.containsKey(matcher.group(1))) {
                            missing.add(file.getFileName() + ": " + matcher.group(1));
                        }
                    }
                }
            }
        }
        assertThat(found).isGreaterThan(50);
        assertThat(missing).isEmpty();
    }
}
