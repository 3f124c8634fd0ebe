package io.stagedoor.app.workspace;

import io.stagedoor.api.events.Event;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketType;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.api.sales.Buyer;
import io.stagedoor.api.sales.CheckoutItem;
import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.CheckoutResult;
import io.stagedoor.api.sales.PaymentChoice;
import io.stagedoor.app.events.EventsScreen;
import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.internal.UiThread;
import io.stagedoor.app.shell.EventSelection;
import io.stagedoor.app.shell.MainWindow;
import io.stagedoor.app.shell.PlaceholderScreen;
import io.stagedoor.app.shell.ShellViewModel;
import io.stagedoor.app.shell.Theme;
import io.stagedoor.app.shell.Workspace;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.testing.Organisers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;

/**
 * The organiser workspace as the studio builds it after sign-in (the shell with the Events screen and the two
 * placeholders), for a new organiser on a real server, in a TestFX stage. Opened addresses are recorded, the CSV
 * export writes to a fixed file and the cover comes from {@link #chooseCover} instead of asking.
 */
public final class WorkspaceFixture implements AutoCloseable {

    public static final String TEST_CARD = "4242 4242 4242 4242";

    private final URI server;
    private final StagedoorClient organiser;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private volatile @Nullable Path coverFile;
    private ShellViewModel shell;

    public WorkspaceFixture(URI server, String organiserName) {
        this.server = server;
        this.organiser = Organisers.signedIn(server, organiserName);
    }

    /** Builds the window on {@code stage}; call from TestFX's {@code @Start}. */
    public void show(Stage stage, Path csvFile) {
        var workspace = new Workspace(
                organiser,
                organiser.accounts().me(),
                new EventSelection(),
                background,
                UiThread.executor(),
                opened::add,
                Messages.load());
        shell = new ShellViewModel(
                List.of(
                        new EventsScreen(workspace, window -> csvFile, window -> coverFile),
                        PlaceholderScreen.of("nav.broadcast").create(workspace),
                        PlaceholderScreen.of("nav.monitor").create(workspace)),
                Theme.LIGHT,
                theme -> {},
                () -> {});
        var window = new MainWindow(
                shell,
                workspace.messages(),
                server.toString(),
                workspace.organiser().name());
        stage.setScene(new Scene(window.root(), 1180, 760));
        stage.show();
        shell.showScreen(0);
    }

    /** The file the next "Choose image…" picks, as if chosen in the file dialog. */
    public void chooseCover(Path file) {
        coverFile = file;
    }

    public StagedoorClient organiser() {
        return organiser;
    }

    public List<String> opened() {
        return opened;
    }

    /** A published event with one ticket type of 15.00 EUR and 100 seats. */
    public Sale eventOnSale(String title) {
        var event = organiser
                .events()
                .create(new EventDraft(
                        title,
                        "",
                        Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.HOURS),
                        "Europe/Vienna",
                        90,
                        null,
                        null));
        var type = organiser
                .ticketTypes()
                .create(
                        event.id(),
                        new TicketTypeDraft(
                                "Standard", 1500L, "EUR", 100, null, null, new TicketAccess(true, 48, false, 0)));
        return new Sale(organiser.events().publish(event.id()), type);
    }

    /** A buyer, not signed in, pays with the test card through the API. */
    public CheckoutResult buy(Sale sale, String name, String email, int quantity) {
        try (var buyer = StagedoorClient.builder(server).build()) {
            return buyer.checkout()
                    .place(
                            new CheckoutRequest(
                                    sale.event().id(),
                                    new Buyer(name, email),
                                    List.of(new CheckoutItem(sale.ticketType().id(), quantity)),
                                    null,
                                    new PaymentChoice("test", TEST_CARD)),
                            UUID.randomUUID().toString());
        }
    }

    @Override
    public void close() {
        if (shell != null) {
            UiThread.run(shell::close);
        }
        background.shutdownNow();
        organiser.close();
    }

    public record Sale(Event event, TicketType ticketType) {}
}
