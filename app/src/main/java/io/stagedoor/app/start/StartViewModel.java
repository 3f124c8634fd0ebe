package io.stagedoor.app.start;

import io.stagedoor.api.accounts.AccountStatus;
import io.stagedoor.api.accounts.SignInRequest;
import io.stagedoor.api.accounts.SignUpRequest;
import io.stagedoor.api.events.Event;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.app.internal.Activity;
import io.stagedoor.app.internal.UiTasks;
import io.stagedoor.app.shell.UrlOpener;
import io.stagedoor.client.ApiProblemException;
import io.stagedoor.client.StagedoorClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way into the workspace: the local server or another one, signing in or creating an account, and on a fresh
 * local server a short guide (organiser account → sample event → its viewer page). Network and keyring work runs in
 * the background; properties change on the UI executor only.
 */
public final class StartViewModel {

    private static final Logger log = LoggerFactory.getLogger(StartViewModel.class);

    /** The token store's name for the studio's own server, whose port may change between runs. */
    public static final String LOCAL = "local";

    private final @Nullable String localServerUrl;
    private final Function<String, StagedoorClient> clients;
    private final TokenStore tokens;
    private final StudioSettings settings;
    private final UiTasks tasks;
    private final Activity activity;
    private final Clock clock;
    private final UrlOpener browser;
    private final Consumer<SignedIn> signedIn;

    private final BooleanProperty useLocalServer = new SimpleBooleanProperty();
    private final StringProperty serverUrl = new SimpleStringProperty("");
    private final ObservableList<String> recentServers = FXCollections.observableArrayList();
    // One read-only view, kept: a view's listeners on the list are weak and vanish with an unreferenced view.
    private final ObservableList<String> recentServersView = FXCollections.unmodifiableObservableList(recentServers);
    private final StringProperty email = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty invitationCode = new SimpleStringProperty("");
    private final StringProperty sampleTitle = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<StartStep> step = new ReadOnlyObjectWrapper<>(StartStep.RESUMING);
    private final ReadOnlyStringWrapper viewerPageUrl = new ReadOnlyStringWrapper("");

    private @Nullable StagedoorClient firstRunClient;
    private @Nullable SignedIn firstRunResult;

    /**
     * @param localServerUrl the in-process server, or null when there is none
     * @param clients a client for an address; {@link IllegalArgumentException} for one that is not valid
     * @param signedIn receives the signed-in client, on the UI executor
     */
    public StartViewModel(
            @Nullable String localServerUrl,
            Function<String, StagedoorClient> clients,
            TokenStore tokens,
            StudioSettings settings,
            UiTasks tasks,
            Clock clock,
            UrlOpener browser,
            Consumer<SignedIn> signedIn) {
        this.localServerUrl = localServerUrl;
        this.clients = clients;
        this.tokens = tokens;
        this.settings = settings;
        this.tasks = tasks;
        this.activity = new Activity(tasks);
        this.clock = clock;
        this.browser = browser;
        this.signedIn = signedIn;
        useLocalServer.set(localServerUrl != null);
        recentServers.setAll(settings.recentServers());
        if (!recentServers.isEmpty()) {
            serverUrl.set(recentServers.getFirst());
        }
        sampleTitle.set(tasks.messages().get("firstRun.sampleTitle"));
        useLocalServer.addListener((obs, old, local) -> prefillEmail());
        serverUrl.addListener((obs, old, url) -> prefillEmail());
        prefillEmail();
    }

    public boolean localServerAvailable() {
        return localServerUrl != null;
    }

    /** True: the studio's own server; false: the address in {@link #serverUrlProperty()}. */
    public BooleanProperty useLocalServerProperty() {
        return useLocalServer;
    }

    public StringProperty serverUrlProperty() {
        return serverUrl;
    }

    /** Other servers used before, newest first; read-only. */
    public ObservableList<String> recentServers() {
        return recentServersView;
    }

    public StringProperty emailProperty() {
        return email;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    /** The organiser's name, for a new account. */
    public StringProperty nameProperty() {
        return name;
    }

    /** An invitation from the server's administrator, for a new account; may stay empty. */
    public StringProperty invitationCodeProperty() {
        return invitationCode;
    }

    public StringProperty sampleTitleProperty() {
        return sampleTitle;
    }

    public ReadOnlyObjectProperty<StartStep> stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** A request is on its way; the buttons wait. */
    public ReadOnlyBooleanProperty busyProperty() {
        return activity.busyProperty();
    }

    /** What went wrong, in one sentence; empty when nothing did. */
    public ReadOnlyStringProperty messageProperty() {
        return activity.messageProperty();
    }

    /** The sample event's public page, once the guide made it. */
    public ReadOnlyStringProperty viewerPageUrlProperty() {
        return viewerPageUrl.getReadOnlyProperty();
    }

    /**
     * The first step: the guide on a local server nobody has signed up on yet, else the saved session of the
     * chosen server when it still works, else the sign-in form.
     */
    public void begin() {
        if (localServerUrl != null && !settings.localOrganiserExists()) {
            step.set(StartStep.CREATE_ACCOUNT);
            return;
        }
        var target = target();
        if (target == null) {
            step.set(StartStep.SIGN_IN);
            return;
        }
        step.set(StartStep.RESUMING);
        activity.run(
                () -> resume(target), result -> result.ifPresentOrElse(signedIn, () -> step.set(StartStep.SIGN_IN)));
    }

    public void showSignIn() {
        activity.say("");
        step.set(StartStep.SIGN_IN);
    }

    public void showCreateAccount() {
        activity.say("");
        step.set(StartStep.CREATE_ACCOUNT);
    }

    public void signIn() {
        var target = target();
        if (target == null || !ready(email.get(), password.get())) {
            return;
        }
        var request = new SignInRequest(email.get().strip(), password.get());
        start(
                () -> {
                    var client = target.client();
                    try {
                        var session = client.accounts().signIn(request);
                        remember(target, session.token(), request.email());
                        return new SignedIn(client, session.account(), target.key(), target.label());
                    } catch (RuntimeException e) {
                        client.close();
                        throw e;
                    }
                },
                this::enter);
    }

    /**
     * Signs up and in; on a fresh local server the guide then offers a sample event. On a server that approves new
     * accounts, the account waits: the form says so and turns to signing in. A refusal (registration closed, an
     * invitation needed or not valid) is said at the form, which stays as it was.
     */
    public void createAccount() {
        var target = target();
        if (target == null || !ready(email.get(), password.get(), name.get())) {
            return;
        }
        var firstRun = target.local() && !settings.localOrganiserExists();
        var code = invitationCode.get() == null ? "" : invitationCode.get().strip();
        var signUp = new SignUpRequest(
                email.get().strip(), password.get(), name.get().strip(), code.isEmpty() ? null : code, null);
        start(
                () -> {
                    var client = target.client();
                    try {
                        var account = client.accounts().signUp(signUp);
                        if (account.status() == AccountStatus.PENDING) {
                            settings.rememberEmail(target.key(), account.email());
                            client.close();
                            return Optional.<SignedIn>empty();
                        }
                        var session = client.accounts().signIn(new SignInRequest(signUp.email(), signUp.password()));
                        remember(target, session.token(), signUp.email());
                        if (target.local()) {
                            settings.markLocalOrganiserExists();
                        }
                        return Optional.of(new SignedIn(client, session.account(), target.key(), target.label()));
                    } catch (RuntimeException e) {
                        client.close();
                        throw e;
                    }
                },
                (Optional<SignedIn> outcome) -> {
                    invitationCode.set("");
                    if (outcome.isEmpty()) {
                        password.set("");
                        step.set(StartStep.SIGN_IN);
                        activity.say(tasks.messages().format("start.accountPending"));
                    } else if (firstRun) {
                        firstRunResult = outcome.get();
                        firstRunClient = outcome.get().client();
                        step.set(StartStep.SAMPLE_EVENT);
                    } else {
                        enter(outcome.get());
                    }
                });
    }

    /** The guide's second step: a published event two weeks ahead with one ticket type, to try the whole flow. */
    public void createSampleEvent() {
        var client = firstRunClient;
        var title = sampleTitle.get() == null ? "" : sampleTitle.get().strip();
        if (client == null || title.isEmpty()) {
            activity.say(tasks.messages().get("firstRun.titleRequired"));
            return;
        }
        var startsAt = clock.instant().plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.HOURS);
        var zone = ZoneId.systemDefault().getId();
        var ticketName = tasks.messages().get("firstRun.sampleTicketType");
        start(
                () -> {
                    var event = client.events().create(new EventDraft(title, "", startsAt, zone, 90, null, null));
                    client.ticketTypes()
                            .create(
                                    event.id(),
                                    new TicketTypeDraft(
                                            ticketName,
                                            1500L,
                                            "EUR",
                                            100,
                                            null,
                                            null,
                                            new TicketAccess(true, 48, false, 0)));
                    return client.events().publish(event.id());
                },
                (Event event) -> {
                    viewerPageUrl.set(
                            client.baseUri().resolve("e/" + event.slug()).toString());
                    // The workspace opens on it, ready to edit and to broadcast to.
                    var result = firstRunResult;
                    if (result != null) {
                        firstRunResult = result.openingOn(event);
                    }
                    step.set(StartStep.VIEWER_PAGE);
                });
    }

    public void openViewerPage() {
        if (!viewerPageUrl.get().isEmpty()) {
            browser.open(viewerPageUrl.get());
        }
    }

    /** Leaves the guide, with or without a sample event, for the workspace, which opens on the sample event. */
    public void finishFirstRun() {
        var result = firstRunResult;
        if (result != null) {
            firstRunResult = null;
            firstRunClient = null;
            enter(result);
        }
    }

    private void enter(SignedIn result) {
        password.set("");
        signedIn.accept(result);
    }

    private <T> void start(Supplier<T> work, Consumer<T> done) {
        activity.run(work, done);
    }

    private boolean ready(@Nullable String... fields) {
        for (var field : fields) {
            if (field == null || field.isBlank()) {
                activity.say(tasks.messages().get("start.fillAll"));
                return false;
            }
        }
        return true;
    }

    /** The saved session when the server still takes it; any failure means: sign in again. */
    private Optional<SignedIn> resume(Target target) {
        try {
            var token = tokens.token(target.key());
            if (token.isEmpty()) {
                target.client().close();
                return Optional.empty();
            }
            var client = target.client().withToken(token.get());
            try {
                return Optional.of(new SignedIn(client, client.accounts().me(), target.key(), target.label()));
            } catch (ApiProblemException e) {
                log.info("The saved session for {} is no longer valid: {}", target.label(), e.getMessage());
                tokens.forget(target.key());
            }
        } catch (RuntimeException e) {
            log.warn("Could not resume the saved session for {}", target.label(), e);
        }
        return Optional.empty();
    }

    private void remember(Target target, String token, String address) {
        tokens.save(target.key(), token);
        settings.rememberEmail(target.key(), address);
        if (!target.local()) {
            settings.rememberServer(target.url());
        }
    }

    private void prefillEmail() {
        var key = useLocalServer.get() ? LOCAL : serverUrl.get().strip();
        settings.lastEmail(key).ifPresent(email::set);
    }

    /** The chosen server, or null (with a message) when the address is not valid. */
    private @Nullable Target target() {
        var local = useLocalServer.get() && localServerUrl != null;
        var url = local ? localServerUrl : serverUrl.get().strip();
        try {
            var client = clients.apply(url);
            var label = local
                    ? tasks.messages().get("start.localServer")
                    : client.baseUri().toString();
            return new Target(local, local ? LOCAL : client.baseUri().toString(), url, label, client);
        } catch (IllegalArgumentException e) {
            activity.say(tasks.messages().format("start.badAddress", url));
            return null;
        }
    }

    private record Target(boolean local, String key, String url, String label, StagedoorClient client) {}
}
