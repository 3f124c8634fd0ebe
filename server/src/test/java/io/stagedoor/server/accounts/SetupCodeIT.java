package io.stagedoor.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.stagedoor.api.accounts.AccountRole;
import io.stagedoor.api.accounts.AccountStatus;
import io.stagedoor.api.accounts.SignInRequest;
import io.stagedoor.api.accounts.SignUpRequest;
import io.stagedoor.client.ApiProblemException;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.testing.AtOnce;
import io.stagedoor.server.testing.TestServers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The first administrator of a server others can reach: made only with the one-time setup code the server prints
 * in its log at start-up, never by whoever signs up first. The code is read from the log, as an operator reads it.
 */
class SetupCodeIT {

    private static final String PASSWORD = "a long enough password";
    private static final Pattern SETUP_CODE = Pattern.compile("Setup code: (\\S+)");

    @TempDir
    Path dataDir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger serverLog = (Logger) LoggerFactory.getLogger(StagedoorServer.class);
    private final List<AutoCloseable> started = new ArrayList<>();

    @BeforeEach
    void listen() {
        log.start();
        serverLog.addAppender(log);
    }

    @AfterEach
    void stop() throws Exception {
        serverLog.detachAppender(log);
        for (var part : started.reversed()) {
            part.close();
        }
    }

    private StagedoorClient start(Path dir, String... flags) {
        log.list.clear();
        var server = StagedoorServer.start(TestServers.config(dir, flags));
        started.add(server);
        var client = StagedoorClient.builder(server.baseUri()).maxRetries(0).build();
        started.add(client);
        return client;
    }

    private Optional<String> setupCodeInLog() {
        return log.list.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .map(SETUP_CODE::matcher)
                .filter(java.util.regex.Matcher::find)
                .map(m -> m.group(1))
                .reduce((first, second) -> second);
    }

    private static ApiProblemException refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiProblemException e) {
            return e;
        }
        throw new AssertionError("expected the server to refuse");
    }

    @Test
    void onAServerListeningOnEveryInterfaceOnlyTheSetupCodeMakesTheAdministrator() {
        var client = start(dataDir, "--http.host=0.0.0.0", "--auth.registration=approval");
        var code = setupCodeInLog().orElseThrow(() -> new AssertionError("no setup code in " + log.list));
        assertThat(log.list.stream().map(ILoggingEvent::getFormattedMessage))
                .anySatisfy(line -> assertThat(line)
                        .contains("curl -s http://127.0.0.1:")
                        .contains("\"setupCode\":\"" + code + "\""));

        var first = client.accounts().signUp(new SignUpRequest("quick@example.org", PASSWORD, "Quick"));
        assertThat(first.role()).as("the first to sign up is no administrator").isEqualTo(AccountRole.ORGANISER);
        assertThat(first.status()).isEqualTo(AccountStatus.PENDING);

        var wrong = refusal(() ->
                client.accounts().signUp(new SignUpRequest("owner@example.org", PASSWORD, "Owner", null, code + "x")));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.problem().type()).hasToString("urn:stagedoor:problem:setup-code-invalid");

        var owner = client.accounts().signUp(new SignUpRequest("owner@example.org", PASSWORD, "Owner", null, code));
        assertThat(owner.role()).isEqualTo(AccountRole.ADMIN);
        assertThat(owner.status()).isEqualTo(AccountStatus.ACTIVE);
        var admin = client.withToken(client.accounts()
                .signIn(new SignInRequest("owner@example.org", PASSWORD))
                .token());
        assertThat(admin.accounts().approve(first.id()).role()).isEqualTo(AccountRole.ORGANISER);

        var spent = refusal(() ->
                client.accounts().signUp(new SignUpRequest("second@example.org", PASSWORD, "Second", null, code)));
        assertThat(spent.problem().type()).hasToString("urn:stagedoor:problem:setup-code-invalid");
        assertThat(spent.problem().detail()).contains("has an administrator already");
    }

    @Test
    void aPublicAddressOrTrustedProxiesMakeAServerReachableAndEachStartWithoutAnAdministratorPrintsANewCode(
            @TempDir Path other) {
        var behindProxy = start(dataDir, "--http.trusted-proxies=127.0.0.1", "--auth.registration=open");
        var firstCode = setupCodeInLog().orElseThrow();
        assertThat(behindProxy
                        .accounts()
                        .signUp(new SignUpRequest("first@example.org", PASSWORD, "First"))
                        .role())
                .isEqualTo(AccountRole.ORGANISER);
        closeAll();

        start(dataDir, "--public.url=https://tickets.example.org/", "--auth.registration=open");
        var secondCode = setupCodeInLog().orElseThrow();
        assertThat(secondCode).isNotEqualTo(firstCode);
        var restarted = (StagedoorClient) started.getLast();
        assertThat(refusal(() -> restarted
                                .accounts()
                                .signUp(new SignUpRequest("owner@example.org", PASSWORD, "Owner", null, firstCode)))
                        .problem()
                        .detail())
                .as("a code from an earlier start")
                .contains("not valid");
        assertThat(restarted
                        .accounts()
                        .signUp(new SignUpRequest("owner@example.org", PASSWORD, "Owner", null, secondCode))
                        .role())
                .isEqualTo(AccountRole.ADMIN);
        closeAll();

        start(dataDir, "--public.url=https://tickets.example.org/");
        assertThat(setupCodeInLog()).as("an administrator exists: no code").isEmpty();
        closeAll();

        var local = start(other);
        assertThat(setupCodeInLog()).as("a loopback-only server needs none").isEmpty();
        assertThat(local.accounts()
                        .signUp(new SignUpRequest("me@example.org", PASSWORD, "Me"))
                        .role())
                .isEqualTo(AccountRole.ADMIN);
    }

    @Test
    void theCodeSentTwiceAtOnceMakesOneAdministrator() throws Exception {
        var client = start(dataDir, "--http.host=0.0.0.0");
        var code = setupCodeInLog().orElseThrow();

        var statuses = AtOnce.statuses(
                4,
                i -> client.accounts()
                        .signUp(new SignUpRequest("claimant" + i + "@example.org", PASSWORD, "Claimant", null, code)));
        assertThat(statuses).isSubsetOf(201, 403, 429).filteredOn(s -> s == 201).hasSize(1);
    }

    @Test
    void onAReachableServerAConfiguredAdministratorAddressWaitsForAnAdministratorsApproval() {
        var client = start(
                dataDir, "--http.host=0.0.0.0", "--auth.registration=open", "--auth.admin-emails=boss@example.org");
        var code = setupCodeInLog().orElseThrow(() -> new AssertionError("a code even with addresses configured"));

        var squatter = client.accounts().signUp(new SignUpRequest("boss@example.org", PASSWORD, "Not the boss"));
        assertThat(squatter.role()).isEqualTo(AccountRole.ADMIN);
        assertThat(squatter.status()).isEqualTo(AccountStatus.PENDING);
        assertThat(refusal(() -> client.accounts().signIn(new SignInRequest("boss@example.org", PASSWORD)))
                        .problem()
                        .type())
                .hasToString("urn:stagedoor:problem:approval-pending");

        client.accounts().signUp(new SignUpRequest("operator@example.org", PASSWORD, "Operator", null, code));
        var operator = client.withToken(client.accounts()
                .signIn(new SignInRequest("operator@example.org", PASSWORD))
                .token());
        assertThat(operator.accounts().pending(1, 10).items())
                .singleElement()
                .satisfies(a -> assertThat(a.email()).isEqualTo("boss@example.org"));
        operator.accounts().approve(squatter.id());
        assertThat(client.accounts()
                        .signIn(new SignInRequest("boss@example.org", PASSWORD))
                        .account()
                        .role())
                .isEqualTo(AccountRole.ADMIN);
    }

    private void closeAll() {
        for (var part : started.reversed()) {
            try {
                part.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        started.clear();
    }
}
