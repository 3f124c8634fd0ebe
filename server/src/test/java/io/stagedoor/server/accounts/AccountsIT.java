package io.stagedoor.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.FieldError;
import io.stagedoor.api.accounts.AccountRole;
import io.stagedoor.api.accounts.PlatformSettings;
import io.stagedoor.api.accounts.SignInRequest;
import io.stagedoor.api.accounts.SignUpRequest;
import io.stagedoor.client.ApiProblemException;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.testing.MutableClock;
import io.stagedoor.server.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Sign-up, sign-in, sessions and the administrator, through the real client, on H2 and on PostgreSQL. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class AccountsIT {

    @Parameter(0)
    TestDatabase database;

    private static final String PASSWORD = "a long enough password";

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
    private StagedoorServer server;
    private StagedoorClient client;

    @BeforeEach
    void start() {
        server = StagedoorServer.start(database.config(dataDir), clock);
        client = StagedoorClient.builder(server.baseUri()).maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static ApiProblemException problem(Runnable call) {
        try {
            call.run();
        } catch (ApiProblemException e) {
            return e;
        }
        throw new AssertionError("expected the server to refuse");
    }

    @Test
    void theFirstAccountAdministersThePlatformAndLaterOnesOrganise() {
        var first = client.accounts().signUp(new SignUpRequest("Ada@Example.org", PASSWORD, "Ada"));
        var second = client.accounts().signUp(new SignUpRequest("bob@example.org", PASSWORD, "Bob"));

        assertThat(first.role()).isEqualTo(AccountRole.ADMIN);
        assertThat(first.email()).isEqualTo("ada@example.org");
        assertThat(second.role()).isEqualTo(AccountRole.ORGANISER);
    }

    @Test
    void aSessionLastsUntilSignOutOrExpiry() {
        client.accounts().signUp(new SignUpRequest("ada@example.org", PASSWORD, "Ada"));

        var session = client.accounts().signIn(new SignInRequest("ADA@example.org", PASSWORD));
        assertThat(session.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(720)));
        assertThat(client.accounts().me().name()).isEqualTo("Ada");

        client.accounts().signOut();
        var afterSignOut =
                problem(() -> client.withToken(session.token()).accounts().me());
        assertThat(afterSignOut.status()).isEqualTo(401);
        assertThat(afterSignOut.getMessage()).contains("Sign in again");

        var second = client.accounts().signIn(new SignInRequest("ada@example.org", PASSWORD));
        clock.advance(Duration.ofHours(721));
        assertThat(problem(() -> client.withToken(second.token()).accounts().me())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void withoutATokenOrWithAForgedOneNothingOpens() {
        assertThat(problem(() -> client.accounts().me()).getMessage()).contains("Sign in first");
        assertThat(problem(() -> client.withToken("forged").accounts().me()).status())
                .isEqualTo(401);
    }

    @Test
    void passwordsAndTokensAreStoredOnlyAsHashes() {
        client.accounts().signUp(new SignUpRequest("ada@example.org", PASSWORD, "Ada"));
        var session = client.accounts().signIn(new SignInRequest("ada@example.org", PASSWORD));

        var db = server.config().database();
        var jdbi = Jdbi.create(db.url(), db.user(), db.password());
        var hash = jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM account")
                .mapTo(String.class)
                .one());
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD);
        var tokens = jdbi.withHandle(h -> h.createQuery("SELECT token_hash FROM account_session")
                .mapTo(String.class)
                .list());
        assertThat(tokens).hasSize(1).noneMatch(t -> t.contains(session.token()));
    }

    @Test
    void wrongPasswordsAreRefusedAlikeAndThrottled() {
        client.accounts().signUp(new SignUpRequest("ada@example.org", PASSWORD, "Ada"));

        var wrongPassword = problem(() -> client.accounts().signIn(new SignInRequest("ada@example.org", "nope nope")));
        var unknownEmail = problem(() -> client.accounts().signIn(new SignInRequest("eve@example.org", "nope nope")));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.getMessage()).isEqualTo(wrongPassword.getMessage());

        for (int i = 0; i < 4; i++) {
            problem(() -> client.accounts().signIn(new SignInRequest("ada@example.org", "still wrong")));
        }
        var throttled = problem(() -> client.accounts().signIn(new SignInRequest("ada@example.org", PASSWORD)));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.getMessage())
                .contains("Too many failed sign-ins to this account from your network address");

        clock.advance(Duration.ofMinutes(16));
        assertThat(client.accounts()
                        .signIn(new SignInRequest("ada@example.org", PASSWORD))
                        .token())
                .isNotBlank();
    }

    @Test
    void badSignUpsNameEveryField() {
        var invalid = problem(() -> client.accounts().signUp(new SignUpRequest("not-an-address", "short", "")));

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.problem().errors())
                .containsExactlyInAnyOrder(
                        new FieldError("email", "must be an e-mail address such as name@example.org"),
                        new FieldError("name", "must be given"),
                        new FieldError("password", "must be 10 to 200 characters long"));

        client.accounts().signUp(new SignUpRequest("ada@example.org", PASSWORD, "Ada"));
        var taken = problem(() -> client.accounts().signUp(new SignUpRequest("ADA@example.org", PASSWORD, "Ada 2")));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.problem().type()).hasToString("urn:stagedoor:problem:email-taken");
    }

    @Test
    void onlyTheAdministratorSetsThePlatformFee() {
        client.accounts().signUp(new SignUpRequest("admin@example.org", PASSWORD, "Admin"));
        client.accounts().signUp(new SignUpRequest("org@example.org", PASSWORD, "Organiser"));
        var admin = client.withToken(client.accounts()
                .signIn(new SignInRequest("admin@example.org", PASSWORD))
                .token());
        var organiser = client.withToken(client.accounts()
                .signIn(new SignInRequest("org@example.org", PASSWORD))
                .token());

        assertThat(admin.accounts().platformSettings().feeBasisPoints()).isEqualTo(1100);
        assertThat(problem(() -> organiser.accounts().platformSettings()).status())
                .isEqualTo(403);
        assertThat(problem(() -> organiser.accounts().updatePlatformSettings(new PlatformSettings(0)))
                        .status())
                .isEqualTo(403);

        assertThat(admin.accounts()
                        .updatePlatformSettings(new PlatformSettings(1250))
                        .feeBasisPoints())
                .isEqualTo(1250);
        var tooHigh = problem(() -> admin.accounts().updatePlatformSettings(new PlatformSettings(20_000)));
        assertThat(tooHigh.problem().errors())
                .containsExactly(new FieldError("feeBasisPoints", "must be from 0 to 5000, was 20000"));
    }

    @Test
    void configuredAdministratorsTakePrecedenceOverTheFirstAccount(@TempDir Path otherDir) {
        try (var configured = StagedoorServer.start(
                        database.config(otherDir, "--auth.admin-emails=boss@example.org"), clock);
                var other = StagedoorClient.builder(configured.baseUri()).build()) {
            assertThat(other.accounts()
                            .signUp(new SignUpRequest("first@example.org", PASSWORD, "First"))
                            .role())
                    .isEqualTo(AccountRole.ORGANISER);
            assertThat(other.accounts()
                            .signUp(new SignUpRequest("BOSS@example.org", PASSWORD, "Boss"))
                            .role())
                    .isEqualTo(AccountRole.ADMIN);
        }
    }
}
