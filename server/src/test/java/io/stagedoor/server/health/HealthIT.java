package io.stagedoor.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.stagedoor.server.BuildInfo;
import io.stagedoor.server.db.Database;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.ServerExtension;
import io.stagedoor.server.testing.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open health answer tells whether the server and its database are up, its version and uptime, and nothing an
 * attacker could use; the administrator's adds the database's details and the set-up's warnings, such as requests
 * arriving through a proxy that is not trusted, which is also said once in the log.
 */
class HealthIT {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theOpenAnswerSaysUpVersionAndUptimeOnlyAndTheAdministratorsSaysMore() throws Exception {
        try (var administrator = Organisers.signedIn(server.baseUri(), "Administrator");
                var organiser = Organisers.signedIn(server.baseUri(), "Organiser")) {
            // Through a proxy that is not trusted, three times over: one warning.
            var root = (Logger) LoggerFactory.getLogger(SetupWarnings.class);
            var log = new ListAppender<ILoggingEvent>();
            log.start();
            root.addAppender(log);
            try {
                for (int i = 0; i < 3; i++) {
                    get("/api/v1/events", organiser.token(), "203.0.113." + i);
                }
            } finally {
                root.detachAppender(log);
            }
            assertThat(log.list)
                    .singleElement()
                    .satisfies(event -> assertThat(event.getLevel()).isEqualTo(Level.WARN))
                    .satisfies(event -> assertThat(event.getFormattedMessage())
                            .contains("X-Forwarded-For", "http.trusted-proxies"));

            var open = get("/api/v1/health", null, null);
            assertThat(open.statusCode()).isEqualTo(200);
            var body = JSON.readTree(open.body());
            assertThat(names(body))
                    .containsExactlyInAnyOrder("status", "version", "startedAt", "uptimeSeconds", "database");
            assertThat(names(body.get("database"))).containsExactly("ok");
            assertThat(body.get("version").asString()).isEqualTo(BuildInfo.version());
            assertThat(open.body()).doesNotContain("H2", "trusted-proxies", "X-Forwarded-For");
            var asOrganiser =
                    JSON.readTree(get("/api/v1/health", organiser.token(), null).body());
            assertThat(names(asOrganiser))
                    .as("an organiser who is not the administrator learns no more")
                    .isEqualTo(names(body));

            var details = administrator.adminHealth();
            assertThat(details.database().product()).startsWith("H2 ");
            assertThat(details.database().schemaVersion()).isNotBlank();
            assertThat(details.warnings())
                    .singleElement()
                    .asString()
                    .contains("X-Forwarded-For", "http.trusted-proxies");
            assertThat(get("/api/v1/admin/health", organiser.token(), null).statusCode())
                    .isEqualTo(403);
            assertThat(get("/api/v1/admin/health", null, null).statusCode()).isEqualTo(401);
        }
    }

    /** A database that does not answer: the open answer says so, and why only to the administrator. */
    @Test
    void aFailingDatabaseIsReportedWithoutItsErrorToAnyone() {
        var database = Database.open(TestServers.config(dataDir).database());
        var health = new HealthService("1.0", Clock.systemUTC(), database, new SetupWarnings());
        database.close();

        var open = health.current();
        assertThat(open.isOk()).isFalse();
        assertThat(open.database().ok()).isFalse();
        assertThat(open.database().product()).isNull();
        assertThat(open.database().error()).isNull();
        assertThat(open.warnings()).isEmpty();
        assertThat(JSON.writeValueAsString(open)).doesNotContain("H2", "closed", "Hikari");

        var details = health.details();
        assertThat(details.database().product()).startsWith("H2 ");
        assertThat(details.database().error()).isNotBlank();
    }

    private HttpResponse<String> get(String path, String token, String forwardedFor) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.baseUri() + path.substring(1)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> names(JsonNode node) {
        var names = new HashSet<String>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
