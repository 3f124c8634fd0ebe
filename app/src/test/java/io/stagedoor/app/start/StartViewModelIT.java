package io.stagedoor.app.start;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.accounts.InvitationDraft;
import io.stagedoor.api.accounts.SignInRequest;
import io.stagedoor.api.accounts.SignUpRequest;
import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.internal.UiTasks;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.testing.ServerExtension;
import io.stagedoor.server.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start flow against another server, without a window: the view-model with same-thread executors and a real
 * server. Covers what the first-run test does not: an address typed in, remembered, and the session resumed.
 */
class StartViewModelIT {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();

    @RegisterExtension
    static final ServerExtension closed = new ServerExtension(TestDatabase.H2, "--auth.registration=closed");

    @RegisterExtension
    static final ServerExtension byInvitation = new ServerExtension(TestDatabase.H2, "--auth.registration=invite");

    @RegisterExtension
    static final ServerExtension approving = new ServerExtension(TestDatabase.H2, "--auth.registration=approval");

    private static final String PASSWORD = "a long enough password";

    @TempDir
    Path config;

    private final List<SignedIn> signedIn = new ArrayList<>();

    private StartViewModel startFlow() {
        return new StartViewModel(
                null,
                url -> StagedoorClient.builder(url).maxRetries(0).build(),
                new FileTokenStore(config.resolve("tokens.properties")),
                StudioSettings.load(config),
                new UiTasks(Runnable::run, Runnable::run, Messages.load()),
                Clock.systemUTC(),
                url -> {},
                signedIn::add);
    }

    @Test
    void anAccountMadeOnAnotherServerIsRememberedAndItsSessionResumedOnTheNextStart() {
        var first = startFlow();
        first.begin();
        assertThat(first.stepProperty().get()).isEqualTo(StartStep.SIGN_IN);
        assertThat(first.useLocalServerProperty().get()).isFalse();

        first.serverUrlProperty().set(server.baseUri().toString());
        first.showCreateAccount();
        first.nameProperty().set("Remote Organiser");
        first.emailProperty().set("remote@example.org");
        first.passwordProperty().set("a long enough password");
        first.createAccount();

        assertThat(first.messageProperty().get()).isEmpty();
        assertThat(signedIn).singleElement().satisfies(in -> {
            assertThat(in.account().email()).isEqualTo("remote@example.org");
            assertThat(in.serverLabel()).isEqualTo(server.baseUri().toString());
        });
        assertThat(first.passwordProperty().get())
                .as("the password is not kept")
                .isEmpty();

        var next = startFlow();
        assertThat(next.recentServers()).containsExactly(server.baseUri().toString());
        assertThat(next.serverUrlProperty().get()).isEqualTo(server.baseUri().toString());
        assertThat(next.emailProperty().get()).isEqualTo("remote@example.org");
        next.begin();
        assertThat(signedIn).hasSize(2);
        assertThat(signedIn.getLast().account().email()).isEqualTo("remote@example.org");
    }

    @Test
    void aWrongPasswordOrAddressIsSaidInOneSentenceAndTheFormStays() {
        var flow = startFlow();
        flow.begin();
        flow.serverUrlProperty().set(server.baseUri().toString());
        flow.emailProperty().set("nobody@example.org");
        flow.passwordProperty().set("not the password");
        flow.signIn();

        assertThat(flow.messageProperty().get())
                .isEqualTo("Your session has ended, or the e-mail and password do not match.");
        assertThat(flow.stepProperty().get()).isEqualTo(StartStep.SIGN_IN);
        assertThat(flow.busyProperty().get()).isFalse();

        flow.serverUrlProperty().set("not an address");
        flow.signIn();
        assertThat(flow.messageProperty().get()).startsWith("Not a server address: \"not an address\"");
        assertThat(signedIn).isEmpty();
    }

    /** The administrator of a server (its first account, on the loopback interface), signed in. */
    private static StagedoorClient administrator(ServerExtension of) {
        var client = StagedoorClient.builder(of.baseUri()).maxRetries(0).build();
        client.accounts().signUp(new SignUpRequest("admin@example.org", PASSWORD, "Admin"));
        client.accounts().signIn(new SignInRequest("admin@example.org", PASSWORD));
        return client;
    }

    private StartViewModel createAccountFormFor(ServerExtension of, String email) {
        var flow = startFlow();
        flow.begin();
        flow.serverUrlProperty().set(of.baseUri().toString());
        flow.showCreateAccount();
        flow.nameProperty().set("New Organiser");
        flow.emailProperty().set(email);
        flow.passwordProperty().set(PASSWORD);
        return flow;
    }

    @Test
    void aServerThatTakesNoNewAccountsSaysSoAtTheForm() {
        try (var admin = administrator(closed)) {
            var flow = createAccountFormFor(closed, "hopeful@example.org");
            flow.createAccount();

            assertThat(flow.messageProperty().get())
                    .isEqualTo("This server does not take new accounts. Ask its administrator to make one for you.");
            assertThat(flow.stepProperty().get()).isEqualTo(StartStep.CREATE_ACCOUNT);
            assertThat(flow.passwordProperty().get())
                    .as("the form stays as typed")
                    .isEqualTo(PASSWORD);
            assertThat(signedIn).isEmpty();
        }
    }

    @Test
    void onAServerThatTakesAccountsByInvitationTheCodeIsAskedForCheckedAndUsed() {
        try (var admin = administrator(byInvitation)) {
            var flow = createAccountFormFor(byInvitation, "invited@example.org");
            flow.createAccount();
            assertThat(flow.messageProperty().get())
                    .startsWith("This server takes new accounts by invitation only. Enter the invitation code");

            flow.invitationCodeProperty().set("  not-a-real-code ");
            flow.createAccount();
            assertThat(flow.messageProperty().get())
                    .isEqualTo("The invitation code was not accepted. There is no such invitation: check the code."
                            + " Ask the server's administrator for a new invitation.");
            assertThat(signedIn).isEmpty();

            var code = admin.accounts()
                    .createInvitation(new InvitationDraft("for the studio", null))
                    .code();
            flow.invitationCodeProperty().set(code);
            flow.createAccount();
            assertThat(flow.messageProperty().get()).isEmpty();
            assertThat(signedIn)
                    .singleElement()
                    .satisfies(in -> assertThat(in.account().email()).isEqualTo("invited@example.org"));
            assertThat(flow.invitationCodeProperty().get()).isEmpty();
        }
    }

    @Test
    void anAccountWaitingForApprovalIsToldSoAndSignsInOnceApproved() {
        try (var admin = administrator(approving)) {
            var flow = createAccountFormFor(approving, "waiting@example.org");
            flow.createAccount();

            assertThat(flow.stepProperty().get()).isEqualTo(StartStep.SIGN_IN);
            assertThat(flow.messageProperty().get()).contains("waits for the server's administrator to approve it");
            assertThat(signedIn).isEmpty();

            flow.passwordProperty().set(PASSWORD);
            flow.signIn();
            assertThat(flow.messageProperty().get())
                    .isEqualTo("Your account waits for the server's administrator to approve it. Sign in once they"
                            + " have.");
            assertThat(signedIn).isEmpty();

            var waiting = admin.accounts().pending(1, 10).items().getFirst();
            admin.accounts().approve(waiting.id());
            flow.signIn();
            assertThat(flow.messageProperty().get()).isEmpty();
            assertThat(signedIn)
                    .singleElement()
                    .satisfies(in -> assertThat(in.account().email()).isEqualTo("waiting@example.org"));
        }
    }
}
