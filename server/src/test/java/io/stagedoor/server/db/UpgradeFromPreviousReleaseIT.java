package io.stagedoor.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.stagedoor.api.accounts.SignInRequest;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.api.sales.TicketStatus;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.config.DatabaseConfig;
import io.stagedoor.server.secrets.Tokens;
import io.stagedoor.server.testing.TestDatabase;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An upgrade from the previous release: its database (the schema up to V6, before viewing sessions) holds an
 * organiser, an event on sale, a paid order and its tickets, written with that schema's columns only. The new server
 * starts on it, migrates it at start, and everything is still there, down to the ticket's Watch link.
 */
class UpgradeFromPreviousReleaseIT {

    /** The newest migration of the previous release: move it up when a release is made. */
    private static final String PREVIOUS_RELEASE_SCHEMA = "6";

    private static final String EMAIL = "organiser@upgrade.example.org";
    private static final String PASSWORD = "a password from last release";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant STARTS = NOW.plus(10, ChronoUnit.DAYS);

    private final UUID accountId = UUID.randomUUID();
    private final UUID eventId = UUID.randomUUID();
    private final UUID ticketTypeId = UUID.randomUUID();
    private final UUID orderId = UUID.randomUUID();
    private final String[] ticketSecrets = {Tokens.newSecret(), Tokens.newSecret()};
    private final String[] ticketCodes = {"SD-UPG1-0001", "SD-UPG1-0002"};
    private final String streamKey = "live_" + Tokens.newSecret();

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "on {0}")
    @EnumSource(TestDatabase.class)
    void eventsOrdersAndTicketsSurviveTheUpgrade(TestDatabase database) throws Exception {
        var config = database.config(dataDir);
        var schema = Flyway.configure()
                .dataSource(
                        config.database().url(),
                        config.database().user(),
                        config.database().password())
                .locations("classpath:db/migration")
                .target(PREVIOUS_RELEASE_SCHEMA)
                .load()
                .migrate();
        assertThat(schema.targetSchemaVersion).isEqualTo(PREVIOUS_RELEASE_SCHEMA);
        try (var connection = connect(config.database())) {
            writeAsThePreviousReleaseDid(connection);
        }

        try (var server = StagedoorServer.start(config);
                var organiser = StagedoorClient.builder(server.baseUri()).build()) {
            organiser.accounts().signIn(new SignInRequest(EMAIL, PASSWORD));
            assertThat(Integer.parseInt(organiser.adminHealth().database().schemaVersion()))
                    .as("migrated past the previous release's schema at start")
                    .isGreaterThan(Integer.parseInt(PREVIOUS_RELEASE_SCHEMA));

            var event = organiser.events().get(eventId);
            assertThat(event.title()).isEqualTo("Last Season's Finale");
            assertThat(event.status()).isEqualTo(EventStatus.ON_SALE);
            assertThat(event.startsAt()).isEqualTo(STARTS);
            assertThat(organiser.events().list(1, 10).items())
                    .extracting(e -> e.id())
                    .containsExactly(eventId);

            var ticketType = organiser.ticketTypes().list(eventId).get(0);
            assertThat(ticketType.sold()).isEqualTo(2);
            assertThat(ticketType.available()).isEqualTo(98);
            assertThat(ticketType.access().doorsOpenMinutes())
                    .as("the new column's default")
                    .isEqualTo(30);

            var order = organiser.orders().get(eventId, orderId);
            assertThat(order.reference()).isEqualTo("ORD-UPGRADE1");
            assertThat(order.status()).isEqualTo(OrderStatus.PAID);
            assertThat(order.totalMinor()).isEqualTo(3000);
            assertThat(order.feeMinor()).isEqualTo(330);
            assertThat(order.lines())
                    .singleElement()
                    .satisfies(line -> assertThat(line.quantity()).isEqualTo(2));

            var attendees = organiser.orders().attendees(eventId, 1, 10).items();
            assertThat(attendees).extracting(a -> a.ticketCode()).containsExactlyInAnyOrder(ticketCodes);
            assertThat(attendees).allSatisfy(a -> assertThat(a.status()).isEqualTo(TicketStatus.VALID));

            assertThat(organiser.streams().endpoint(eventId).streamKey())
                    .as("broadcasters keep the key they typed into their software")
                    .isEqualTo(streamKey);

            var ticket = organiser.tickets().view(ticketSecrets[0]);
            assertThat(ticket.ticketCode()).isEqualTo(ticketCodes[0]);
            assertThat(ticket.status()).isEqualTo(TicketStatus.VALID);
            var watchPage = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(server.baseUri().resolve("/t/" + ticketSecrets[1]))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(watchPage.statusCode()).as("the e-mailed Watch link").isEqualTo(200);
            assertThat(watchPage.body()).contains("Last Season").contains(ticketCodes[1]);
        }
    }

    private static Connection connect(DatabaseConfig database) throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }

    /** Rows as the previous release's code wrote them: the columns of migrations V1 to V6, nothing newer. */
    private void writeAsThePreviousReleaseDid(Connection connection) throws SQLException {
        var passwordHash = Password.hash(PASSWORD)
                .addRandomSalt(16)
                .with(Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID, 19))
                .getResult();
        var created = Timestamp.from(NOW.minus(3, ChronoUnit.DAYS));
        insert(
                connection,
                "INSERT INTO account (id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                accountId,
                EMAIL,
                "Last Release",
                passwordHash,
                "ADMIN",
                created);
        insert(
                connection,
                "INSERT INTO event (id, organiser_id, slug, title, description, starts_at, time_zone, duration_minutes,"
                        + " brand_colour, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                eventId,
                accountId,
                "last-seasons-finale",
                "Last Season's Finale",
                "Sold before the upgrade.",
                Timestamp.from(STARTS),
                "Europe/Vienna",
                120,
                "#7A1FA2",
                "ON_SALE",
                created,
                created);
        insert(
                connection,
                "INSERT INTO ticket_type (id, event_id, name, price_minor, currency, quota, sold, reserved, grants_live,"
                        + " replay_hours, grants_on_demand, rental_hours, sort_order, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ticketTypeId,
                eventId,
                "Standard",
                1500L,
                "EUR",
                100,
                2,
                0,
                true,
                48,
                false,
                0,
                0,
                created);
        insert(
                connection,
                "INSERT INTO orders (id, reference, event_id, status, buyer_name, buyer_email, currency, subtotal_minor,"
                        + " discount_minor, total_minor, fee_basis_points, fee_minor, net_minor, provider,"
                        + " provider_reference, access_token_hash, created_at, paid_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                orderId,
                "ORD-UPGRADE1",
                eventId,
                "PAID",
                "Ada Buyer",
                "ada@example.org",
                "EUR",
                3000L,
                0L,
                3000L,
                1100,
                330L,
                2670L,
                "test",
                "test-upgrade-1",
                Tokens.hash(Tokens.newSecret()),
                created,
                created);
        insert(
                connection,
                "INSERT INTO order_line (order_id, ticket_type_id, ticket_type_name, quantity, unit_price_minor,"
                        + " subtotal_minor, discount_minor, total_minor, fee_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                orderId,
                ticketTypeId,
                "Standard",
                2,
                1500L,
                3000L,
                0L,
                3000L,
                330L);
        for (int i = 0; i < ticketSecrets.length; i++) {
            insert(
                    connection,
                    "INSERT INTO ticket (id, code, order_id, event_id, ticket_type_id, token_hash, holder_name,"
                            + " holder_email, status, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    UUID.randomUUID(),
                    ticketCodes[i],
                    orderId,
                    eventId,
                    ticketTypeId,
                    Tokens.hash(ticketSecrets[i]),
                    "Ada Buyer",
                    "ada@example.org",
                    "VALID",
                    created);
        }
        insert(
                connection,
                "INSERT INTO event_stream (event_id, stream_key, key_created_at) VALUES (?, ?, ?)",
                eventId,
                streamKey,
                created);
    }

    private static void insert(Connection connection, String sql, Object... values) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }
}
