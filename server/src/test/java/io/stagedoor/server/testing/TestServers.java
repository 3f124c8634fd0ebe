package io.stagedoor.server.testing;

import io.stagedoor.server.config.ConfigLoader;
import io.stagedoor.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Configurations for servers that tests start in-process: a random port, an H2 file in a temporary directory, and
 * the test card on (it is off by default), which a later {@code --payments.test.enabled=false} turns off again. Anyone
 * may sign up, as often as tests need (all from 127.0.0.1); tests of registration and its limits set their own.
 */
public final class TestServers {

    private TestServers() {}

    public static ServerConfig config(Path dataDir, String... extraFlags) {
        var args = new ArrayList<>(List.of(
                "--http.host=127.0.0.1",
                "--http.port=0",
                "--ingest.host=127.0.0.1",
                "--ingest.port=0",
                "--data.dir=" + dataDir,
                "--auth.registration=open",
                "--auth.sign-up.per-address-per-hour=100000",
                "--auth.sign-up.per-hour=1000000",
                "--payments.test.enabled=true",
                // Requests wait their turn as long as the tests' clients wait for answers: on a loaded build
                // machine a slow answer must not become a 503. RushIT and RequestBudgetIT test the shipped limits.
                "--http.max-wait-ms=60000"));
        args.addAll(List.of(extraFlags));
        return new ConfigLoader(Map.of(), System.getProperty("os.name"), System.getProperty("user.home")).load(args);
    }
}
