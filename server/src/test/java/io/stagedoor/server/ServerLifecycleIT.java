package io.stagedoor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.stagedoor.api.Health;
import io.stagedoor.client.ApiProblemException;
import io.stagedoor.client.ApiUnreachableException;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.testing.MutableClock;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.TestServers;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The real server, started in-process on a free port with an H2 file database, driven by the real API client. */
class ServerLifecycleIT {

    @TempDir
    Path dataDir;

    @Test
    void healthReportsVersionUptimeAndTheMigratedDatabase() {
        var clock = new MutableClock(Instant.parse("2026-11-21T18:00:00Z"));
        try (var server = StagedoorServer.start(TestServers.config(dataDir), clock);
                var client = StagedoorClient.builder(server.baseUri()).build();
                var administrator = Organisers.signedIn(server.baseUri(), "First Account")) {
            assertThat(server.httpPort()).isPositive();

            clock.advance(Duration.ofSeconds(90));
            Health health = client.health();

            assertThat(health.isOk()).isTrue();
            assertThat(health.version()).isEqualTo(BuildInfo.version()).isNotBlank();
            assertThat(health.startedAt()).isEqualTo(Instant.parse("2026-11-21T18:00:00Z"));
            assertThat(health.uptimeSeconds()).isEqualTo(90);
            assertThat(health.database().ok()).isTrue();
            assertThat(health.database().product())
                    .as("for the administrator only")
                    .isNull();

            var details = administrator.adminHealth();
            assertThat(details.database().product()).startsWith("H2 ");
            assertThat(details.database().schemaVersion()).isEqualTo(newestMigration());
            assertThat(details.database().error()).isNull();
        }
        assertThat(dataDir.resolve("db/stagedoor.mv.db")).isRegularFile();
    }

    @Test
    void theDatabaseFileSurvivesARestartWithItsInstallationIdentity() {
        var config = TestServers.config(dataDir);
        String firstId;
        try (var server = StagedoorServer.start(config)) {
            firstId = installationId(config.database().url());
        }
        try (var server = StagedoorServer.start(config);
                var administrator = Organisers.signedIn(server.baseUri(), "Restarted")) {
            assertThat(administrator.adminHealth().database().schemaVersion()).isEqualTo(newestMigration());
        }
        assertThat(installationId(config.database().url())).isEqualTo(firstId);
    }

    @Test
    void unknownPathsAndMethodsAnswerWithProblemDetails() throws Exception {
        try (var server = StagedoorServer.start(TestServers.config(dataDir))) {
            var http = HttpClient.newHttpClient();

            var notFound = http.send(
                    HttpRequest.newBuilder(server.baseUri().resolve("api/v1/nothing-here"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(notFound.statusCode()).isEqualTo(404);
            assertThat(notFound.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(notFound.body())
                    .contains("\"status\":404")
                    .contains("\"title\":\"Not Found\"")
                    .contains("There is no GET /api/v1/nothing-here on this server.");

            var wrongMethod = http.send(
                    HttpRequest.newBuilder(server.baseUri().resolve("api/v1/health"))
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wrongMethod.statusCode()).isEqualTo(405);
            assertThat(wrongMethod.body()).contains("DELETE is not allowed on /api/v1/health.");
        }
    }

    @Test
    void theClientTellsAProblemFromAnUnreachableServer() {
        URI address;
        try (var server = StagedoorServer.start(TestServers.config(dataDir));
                var client = StagedoorClient.builder(server.baseUri().resolve("no-such-prefix/"))
                        .build()) {
            address = server.baseUri();
            assertThatThrownBy(client::health)
                    .isInstanceOfSatisfying(
                            ApiProblemException.class,
                            e -> assertThat(e.status()).isEqualTo(404));
        }
        try (var client = StagedoorClient.builder(address).maxRetries(0).build()) {
            assertThatThrownBy(client::health)
                    .isInstanceOf(ApiUnreachableException.class)
                    .hasMessageContaining("Could not reach the Stagedoor server at " + address);
        }
    }

    @Test
    void aTakenPortIsReportedWithWhatToDo() throws Exception {
        try (var taken = new ServerSocket(0)) {
            var config = TestServers.config(dataDir, "--http-port=" + taken.getLocalPort());
            assertThatThrownBy(() -> StagedoorServer.start(config))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("Cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("--http-port");
        }
        // The failed start released the database: a server can start on the same data directory.
        try (var server = StagedoorServer.start(TestServers.config(dataDir))) {
            assertThat(server.httpPort()).isPositive();
        }
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsReported() throws Exception {
        var file = Files.writeString(dataDir.resolve("a-file"), "not a directory");
        assertThatThrownBy(() -> StagedoorServer.start(TestServers.config(file.resolve("data"))))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("Cannot create the data directory " + file.resolve("data"));
    }

    @Test
    void closingStopsListening() throws Exception {
        var server = StagedoorServer.start(TestServers.config(dataDir));
        var address = server.baseUri();
        server.close();
        server.close();

        try (var client = StagedoorClient.builder(address).maxRetries(0).build()) {
            assertThatThrownBy(client::health).isInstanceOf(ApiUnreachableException.class);
        }
    }

    @Test
    void streamsFollowedOverServerSentEventsEndQuietlyWhenTheirClientOrTheServerGoesAway() throws Exception {
        var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var log = new ListAppender<ILoggingEvent>();
        log.start();
        root.addAppender(log);
        try {
            var server = StagedoorServer.start(TestServers.config(dataDir));
            try (var organiser = Organisers.signedIn(server.baseUri(), "Late Night")) {
                var event = Organisers.eventOnSale(organiser, "Followed");
                var gone = new CountDownLatch(1);
                var held = new CountDownLatch(1);
                // One follower hangs up while the server runs, the other is still there when it stops.
                try (var first = organiser.streams().watchHealth(event.id(), health -> gone.countDown(), p -> {})) {
                    assertThat(gone.await(10, TimeUnit.SECONDS)).isTrue();
                }
                var second = organiser.streams().watchHealth(event.id(), health -> held.countDown(), p -> {});
                assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
                Thread.sleep(2_000);
                server.close();
                Thread.sleep(3_000);
                second.close();
            }
        } finally {
            root.detachAppender(log);
            log.stop();
        }
        assertThat(log.list)
                .as("what was logged")
                .hasSizeLessThan(200)
                .noneMatch(event -> event.getLoggerName().startsWith("io.javalin")
                        && event.getLevel().isGreaterOrEqual(Level.WARN));
    }

    /** The version of the newest migration shipped, as Flyway reads the migration files. */
    private static String newestMigration() {
        var migrations = Flyway.configure()
                .dataSource("jdbc:h2:mem:migrations;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "", "")
                .locations("classpath:db/migration")
                .load()
                .info()
                .all();
        return migrations[migrations.length - 1].getVersion().toString();
    }

    private static String installationId(String jdbcUrl) {
        return Jdbi.create(jdbcUrl)
                .withHandle(handle -> handle.createQuery("SELECT id FROM installation")
                        .mapTo(String.class)
                        .one());
    }
}
