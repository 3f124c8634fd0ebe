package io.stagedoor.app.start;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.internal.UiTasks;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.testing.ServerExtension;
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
}
