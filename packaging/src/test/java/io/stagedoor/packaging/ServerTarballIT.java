package io.stagedoor.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.BuildInfo;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.Publishers;
import io.stagedoor.server.testing.RunningProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's tarball as an operator uses it: unpacked with tar, started from its launcher with nothing but a JDK
 * on the machine, fed a live stream by Debian's ffmpeg, and stopped with SIGTERM.
 */
class ServerTarballIT {

    static final Duration START = Duration.ofSeconds(90);
    static final String LISTENING = "listening on (http://127\\.0\\.0\\.1:\\d+/)";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path unpacked;

    private static Path home;

    @TempDir
    Path scratch;

    @BeforeAll
    static void unpack() throws Exception {
        var tarball = Path.of(System.getProperty("stagedoor.serverTarball"));
        assertThat(tarball).as("the server tarball").isRegularFile();
        run(List.of("tar", "-xzf", tarball.toString(), "-C", unpacked.toString()));
        home = unpacked.resolve("stagedoor-server-" + BuildInfo.version());
    }

    @Test
    void holdsTheLauncherTheCommentedSettingsAndTheServersLibrariesOnly() throws Exception {
        assertThat(home.resolve("bin/stagedoor-server")).isExecutable();
        assertThat(home.resolve("README")).content().contains("Stagedoor server " + BuildInfo.version());

        var settings = Files.readAllLines(home.resolve("conf/stagedoor.conf"));
        assertThat(settings)
                .as("every setting commented out")
                .allSatisfy(line -> assertThat(line).matches("(#.*)?"));
        assertThat(settings).contains("#http.port=8080", "#log.format=text", "#data.dir=");

        List<String> jars;
        try (Stream<Path> files = Files.list(home.resolve("lib"))) {
            jars = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(jars)
                .contains("stagedoor-server-" + BuildInfo.version() + ".jar")
                .anyMatch(jar -> jar.matches("ffmpeg-.*-linux-x86_64-gpl\\.jar"))
                .anyMatch(jar -> jar.matches("javacpp-.*-linux-x86_64\\.jar"))
                .noneMatch(jar -> jar.startsWith("javafx") || jar.startsWith("stagedoor-app"))
                .noneMatch(jar -> jar.startsWith("stagedoor-encoder") || jar.startsWith("javacv"))
                .noneMatch(jar -> jar.matches(".*-(macosx|windows|android|ios|linux-arm.*)[-.].*"));
    }

    @Test
    void theLauncherPassesHelpAndVersionThrough() {
        try (var version = launch(Map.of(), "--version")) {
            assertThat(version.awaitExit(START)).isZero();
            assertThat(version.output()).isEqualTo("Stagedoor server " + BuildInfo.version());
        }
        try (var help = launch(Map.of(), "--help")) {
            assertThat(help.awaitExit(START)).isZero();
            assertThat(help.output()).contains("Usage: stagedoor-server").contains("log.format=text");
        }
    }

    @Test
    void aJavaOlderThan21IsPassedOverAndInvalidSettingsNameTheirSource() throws Exception {
        // Debian 12's own Java is 17: the launcher must look further rather than fail inside the JVM.
        var oldJava = scratch.resolve("jdk-17/bin/java");
        Files.createDirectories(oldJava.getParent());
        Files.writeString(oldJava, "#!/bin/sh\necho '    java.specification.version = 17' >&2\nexit 1\n");
        oldJava.toFile().setExecutable(true);
        var thisJdk = Path.of(System.getProperty("java.home"), "bin");
        try (var server = launch(
                Map.of("JAVA_HOME", scratch.resolve("jdk-17").toString(), "PATH", thisJdk + ":/usr/bin:/bin"),
                "--http-port=seventy")) {
            assertThat(server.awaitExit(START)).isEqualTo(2);
            assertThat(server.output()).contains("http.port (from flag --http-port): must be a whole number");
        }
    }

    @Test
    void runsTakesALiveStreamAndStopsCleanlyOnSigterm() throws Exception {
        var dataDir = scratch.resolve("data");
        try (var server = launch(
                Map.of(),
                "--http-host=127.0.0.1",
                "--http-port=0",
                "--ingest-host=127.0.0.1",
                "--ingest-port=0",
                "--ingest-ladder=",
                "--data-dir=" + dataDir)) {
            var address = URI.create(server.awaitLine(LISTENING, START).group(1));
            assertStreamBecomesHlsAndSigtermStopsEverything(server, address, scratch);
            assertThat(server.output())
                    .as("the settings file beside the launcher is read")
                    .doesNotContain("Cannot read the configuration file");
        }
        assertThat(dataDir.resolve("db/stagedoor.mv.db")).isRegularFile();
        assertThat(scratch.resolve("home/.local/share/stagedoor"))
                .as("nothing in the default data directory")
                .doesNotExist();
    }

    /**
     * Publishes a test pattern with Debian's ffmpeg (encoded beforehand, sent in real time), waits for HLS segments, then stops the server with SIGTERM
     * while the stream is still live: exit code 143, and the packager's ffmpeg gone with it.
     */
    static void assertStreamBecomesHlsAndSigtermStopsEverything(RunningProcess server, URI address, Path scratch)
            throws Exception {
        try (var client = StagedoorClient.builder(address).build()) {
            var health = client.health();
            assertThat(health.isOk()).isTrue();
            assertThat(health.version()).isEqualTo(BuildInfo.version());
        }
        try (var organiser = Organisers.signedIn(address, "Packaging Test")) {
            var event = Organisers.eventOnSale(organiser, "Tarball night");
            var endpoint = organiser.streams().endpoint(event.id());

            var publisher = Publishers.publish(
                    endpoint.publishUrl(), Publishers.pattern(640, 360, 800, 40), scratch.resolve("publisher.log"));
            try {
                var variant = URI.create(endpoint.previewUrl()).resolve("source/live.m3u8");
                var deadline = Instant.now().plusSeconds(40);
                String playlist = "";
                while (Instant.now().isBefore(deadline)) {
                    playlist = get(variant);
                    if (playlist.lines()
                                    .filter(line -> line.startsWith("#EXTINF"))
                                    .count()
                            >= 2) {
                        break;
                    }
                    Thread.sleep(500);
                }
                assertThat(playlist.lines().filter(line -> line.startsWith("#EXTINF")))
                        .as("segments in " + variant + "; publisher: "
                                + Files.readString(scratch.resolve("publisher.log")))
                        .hasSizeGreaterThanOrEqualTo(2);
                var probed = Publishers.run(
                        "ffprobe",
                        "-v",
                        "error",
                        "-show_entries",
                        "stream=codec_name,width,height",
                        "-of",
                        "csv=p=0",
                        endpoint.previewUrl());
                assertThat(probed).contains("h264,640,360").contains("aac");

                var packagers = ProcessHandle.of(server.pid())
                        .orElseThrow()
                        .descendants()
                        .filter(p -> p.info().command().orElse("").endsWith("ffmpeg"))
                        .toList();
                assertThat(packagers)
                        .as("the stream's packager, a child of the server")
                        .isNotEmpty();

                assertThat(server.terminate(Duration.ofSeconds(30)))
                        .as("exit code after SIGTERM")
                        .isEqualTo(143);
                assertThat(server.output()).contains("Stagedoor server stopped");
                for (var packager : packagers) {
                    packager.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                    assertThat(packager.isAlive())
                            .as("packager " + packager.pid())
                            .isFalse();
                }
            } finally {
                publisher.destroyForcibly();
                publisher.waitFor();
            }
        }
    }

    private RunningProcess launch(Map<String, String> extraEnvironment, String... args) {
        var command =
                new ArrayList<>(List.of(home.resolve("bin/stagedoor-server").toString()));
        command.addAll(List.of(args));
        var environment = new java.util.HashMap<>(Map.of(
                "HOME", scratch.resolve("home").toString(),
                "XDG_CACHE_HOME", scratch.resolve("cache").toString(),
                "XDG_DATA_HOME", scratch.resolve("home/.local/share").toString()));
        environment.putAll(extraEnvironment);
        return RunningProcess.start(command, environment);
    }

    static String get(URI uri) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "";
    }

    static List<String> run(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        assertThat(exit).as(command + ": " + output).isZero();
        return output.lines().toList();
    }
}
