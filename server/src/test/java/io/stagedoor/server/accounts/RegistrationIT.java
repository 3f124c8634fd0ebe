package io.stagedoor.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.accounts.AccountRole;
import io.stagedoor.api.accounts.AccountStatus;
import io.stagedoor.api.accounts.InvitationDraft;
import io.stagedoor.api.accounts.InvitationState;
import io.stagedoor.api.accounts.SignInRequest;
import io.stagedoor.api.accounts.SignUpRequest;
import io.stagedoor.client.ApiProblemException;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.secrets.Tokens;
import io.stagedoor.server.testing.AtOnce;
import io.stagedoor.server.testing.MutableClock;
import io.stagedoor.server.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The registration modes (open, approval, invite, closed), the administrator's approvals and invitations, through
 * the real client against a server on the loopback interface, where the first account administers the platform.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class RegistrationIT {

    private static final String PASSWORD = "a long enough password";

    @Parameter(0)
    TestDatabase database;

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
    private StagedoorServer server;
    private StagedoorClient anonymous;

    @AfterEach
    void stop() {
        anonymous.close();
        server.close();
    }

    /** A server in the mode given, with its administrator, signed in, as the answer. */
    private StagedoorClient serverWithAdministrator(String registration) {
        server = StagedoorServer.start(database.config(dataDir, "--auth.registration=" + registration), clock);
        anonymous = StagedoorClient.builder(server.baseUri()).maxRetries(0).build();
        var admin = anonymous.accounts().signUp(new SignUpRequest("admin@example.org", PASSWORD, "Admin"));
        assertThat(admin.role()).as("the first account, whatever the mode").isEqualTo(AccountRole.ADMIN);
        assertThat(admin.status()).isEqualTo(AccountStatus.ACTIVE);
        return signedIn("admin@example.org");
    }

    private StagedoorClient signedIn(String email) {
        return anonymous.withToken(
                anonymous.accounts().signIn(new SignInRequest(email, PASSWORD)).token());
    }

    private static ApiProblemException refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiProblemException e) {
            return e;
        }
        throw new AssertionError("expected the server to refuse");
    }

    private static String kind(ApiProblemException e) {
        return e.problem().type().toString();
    }

    @Test
    void openLetsAnyoneInAndClosedNobodyButTheFirstAdministrator(@TempDir Path other) {
        serverWithAdministrator("open");
        var open = anonymous.accounts().signUp(new SignUpRequest("bob@example.org", PASSWORD, "Bob"));
        assertThat(open.role()).isEqualTo(AccountRole.ORGANISER);
        assertThat(open.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(signedIn("bob@example.org").accounts().me().email()).isEqualTo("bob@example.org");
        server.close();
        anonymous.close();

        dataDir = other;
        serverWithAdministrator("closed");
        var closed = refusal(() -> anonymous.accounts().signUp(new SignUpRequest("eve@example.org", PASSWORD, "Eve")));
        assertThat(closed.status()).isEqualTo(403);
        assertThat(kind(closed)).isEqualTo("urn:stagedoor:problem:registration-closed");
        assertThat(closed.problem().detail()).contains("does not take new accounts");
        var evenInvited = refusal(() -> anonymous
                .accounts()
                .signUp(new SignUpRequest("eve@example.org", PASSWORD, "Eve", "a-made-up-code", null)));
        assertThat(kind(evenInvited)).isEqualTo("urn:stagedoor:problem:registration-closed");
    }

    @Test
    void onApprovalAccountsWaitUntilTheAdministratorLetsThemIn() {
        var admin = serverWithAdministrator("approval");

        var bob = anonymous.accounts().signUp(new SignUpRequest("bob@example.org", PASSWORD, "Bob"));
        assertThat(bob.status()).isEqualTo(AccountStatus.PENDING);
        assertThat(bob.role()).isEqualTo(AccountRole.ORGANISER);
        var waiting = refusal(() -> anonymous.accounts().signIn(new SignInRequest("bob@example.org", PASSWORD)));
        assertThat(waiting.status()).isEqualTo(403);
        assertThat(kind(waiting)).isEqualTo("urn:stagedoor:problem:approval-pending");
        assertThat(waiting.problem().detail()).contains("waits for the server's administrator to approve it");
        assertThat(refusal(() -> anonymous.accounts().signIn(new SignInRequest("bob@example.org", "wrong password")))
                        .status())
                .as("a wrong password says nothing about the account")
                .isEqualTo(401);

        clock.advance(Duration.ofMinutes(1));
        var carol = anonymous.accounts().signUp(new SignUpRequest("carol@example.org", PASSWORD, "Carol"));
        var pending = admin.accounts().pending(1, 50);
        assertThat(pending.total()).isEqualTo(2);
        assertThat(pending.items()).extracting(a -> a.email()).containsExactly("bob@example.org", "carol@example.org");

        assertThat(admin.accounts().approve(bob.id()).status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(admin.accounts().approve(bob.id()).status())
                .as("approving twice")
                .isEqualTo(AccountStatus.ACTIVE);
        var bobSignedIn = signedIn("bob@example.org");
        assertThat(bobSignedIn.accounts().me().status()).isEqualTo(AccountStatus.ACTIVE);

        admin.accounts().reject(carol.id());
        assertThat(refusal(() -> anonymous.accounts().signIn(new SignInRequest("carol@example.org", PASSWORD)))
                        .status())
                .isEqualTo(401);
        assertThat(admin.accounts().pending(1, 50).items()).isEmpty();
        assertThat(anonymous
                        .accounts()
                        .signUp(new SignUpRequest("carol@example.org", PASSWORD, "Carol"))
                        .status())
                .as("a rejected address may ask again")
                .isEqualTo(AccountStatus.PENDING);

        var approvedAlready = refusal(() -> admin.accounts().reject(bob.id()));
        assertThat(approvedAlready.status()).isEqualTo(409);
        assertThat(refusal(() -> admin.accounts().approve(UUID.randomUUID())).status())
                .isEqualTo(404);

        // An organiser administers nothing.
        assertThat(refusal(() -> bobSignedIn.accounts().pending(1, 50)).status())
                .isEqualTo(403);
        assertThat(refusal(() -> bobSignedIn.accounts().approve(bob.id())).status())
                .isEqualTo(403);
        assertThat(refusal(() -> bobSignedIn.accounts().reject(carol.id())).status())
                .isEqualTo(403);
        assertThat(refusal(() -> bobSignedIn.accounts().createInvitation(new InvitationDraft("me", null)))
                        .status())
                .isEqualTo(403);
        assertThat(refusal(() -> bobSignedIn.accounts().invitations(1, 50)).status())
                .isEqualTo(403);
    }

    @Test
    void anInvitationWorksOnceUntilItExpiresOrIsRevoked() {
        var admin = serverWithAdministrator("invite");

        var uninvited =
                refusal(() -> anonymous.accounts().signUp(new SignUpRequest("dave@example.org", PASSWORD, "Dave")));
        assertThat(uninvited.status()).isEqualTo(403);
        assertThat(kind(uninvited)).isEqualTo("urn:stagedoor:problem:invitation-required");
        assertThat(uninvited.problem().detail()).contains("by invitation only");
        var madeUp = refusal(() -> anonymous
                .accounts()
                .signUp(new SignUpRequest("dave@example.org", PASSWORD, "Dave", Tokens.newSecret(), null)));
        assertThat(kind(madeUp)).isEqualTo("urn:stagedoor:problem:invitation-invalid");
        assertThat(madeUp.problem().detail()).contains("no such invitation");

        var forDave = admin.accounts().createInvitation(new InvitationDraft("Dave from the box office", 2));
        assertThat(forDave.invitation().state()).isEqualTo(InvitationState.OPEN);
        assertThat(forDave.invitation().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(2)));
        assertThat(forDave.code()).hasSize(43);
        var dave = anonymous
                .accounts()
                .signUp(new SignUpRequest("dave@example.org", PASSWORD, "Dave", forDave.code(), null));
        assertThat(dave.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(dave.role()).isEqualTo(AccountRole.ORGANISER);
        var again = refusal(() -> anonymous
                .accounts()
                .signUp(new SignUpRequest("eve@example.org", PASSWORD, "Eve", forDave.code(), null)));
        assertThat(kind(again)).isEqualTo("urn:stagedoor:problem:invitation-invalid");
        assertThat(again.problem().detail()).contains("used already");

        clock.advance(Duration.ofMinutes(1));
        var revoked = admin.accounts().createInvitation(new InvitationDraft(null, null));
        assertThat(revoked.invitation().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
        admin.accounts().revokeInvitation(revoked.invitation().id());
        admin.accounts().revokeInvitation(revoked.invitation().id());
        assertThat(refusal(() -> anonymous
                                .accounts()
                                .signUp(new SignUpRequest("eve@example.org", PASSWORD, "Eve", revoked.code(), null)))
                        .problem()
                        .detail())
                .contains("revoked");

        clock.advance(Duration.ofMinutes(1));
        var expiring = admin.accounts().createInvitation(new InvitationDraft("late", 1));
        clock.advance(Duration.ofDays(1));
        assertThat(refusal(() -> anonymous
                                .accounts()
                                .signUp(new SignUpRequest("eve@example.org", PASSWORD, "Eve", expiring.code(), null)))
                        .problem()
                        .detail())
                .contains("expired");

        var list = admin.accounts().invitations(1, 50);
        assertThat(list.items())
                .as("newest first")
                .extracting(i -> i.state())
                .containsExactly(InvitationState.EXPIRED, InvitationState.REVOKED, InvitationState.USED);
        assertThat(list.items().getLast().usedBy()).isEqualTo("dave@example.org");
        assertThat(list.items().getLast().note()).isEqualTo("Dave from the box office");
        assertThat(refusal(() -> admin.accounts()
                                .revokeInvitation(forDave.invitation().id()))
                        .status())
                .isEqualTo(409);
        assertThat(refusal(() -> admin.accounts().revokeInvitation(UUID.randomUUID()))
                        .status())
                .isEqualTo(404);
        assertThat(refusal(() -> admin.accounts().createInvitation(new InvitationDraft("x", 91)))
                        .problem()
                        .errors())
                .singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("validDays"));

        var db = server.config().database();
        var stored = Jdbi.create(db.url(), db.user(), db.password())
                .withHandle(h -> h.createQuery("SELECT code_hash FROM invitation")
                        .mapTo(String.class)
                        .list());
        assertThat(stored).hasSize(3).contains(Tokens.hash(forDave.code())).doesNotContain(forDave.code());
    }

    @Test
    void oneInvitationSentByManyAtOnceMakesOneAccount() throws Exception {
        var admin = serverWithAdministrator("invite");
        var code = admin.accounts()
                .createInvitation(new InvitationDraft(null, null))
                .code();

        var statuses = AtOnce.statuses(
                6,
                i -> anonymous
                        .accounts()
                        .signUp(new SignUpRequest("guest" + i + "@example.org", PASSWORD, "Guest", code, null)));
        assertThat(statuses).isSubsetOf(201, 403, 429).filteredOn(s -> s == 201).hasSize(1);
    }

    @Test
    void anInvitationSparesTheWaitWhereAccountsAreApproved() {
        var admin = serverWithAdministrator("approval");
        var code = admin.accounts()
                .createInvitation(new InvitationDraft(null, null))
                .code();

        var invited = anonymous.accounts().signUp(new SignUpRequest("fay@example.org", PASSWORD, "Fay", code, null));
        assertThat(invited.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(signedIn("fay@example.org").accounts().me().name()).isEqualTo("Fay");

        var wrong = refusal(() ->
                anonymous.accounts().signUp(new SignUpRequest("gus@example.org", PASSWORD, "Gus", "not-a-code", null)));
        assertThat(kind(wrong))
                .as("a wrong code is said, not quietly turned into a wait")
                .isEqualTo("urn:stagedoor:problem:invitation-invalid");
    }
}
