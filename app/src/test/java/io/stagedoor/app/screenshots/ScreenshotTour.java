package io.stagedoor.app.screenshots;

import io.stagedoor.api.accounts.SignInRequest;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.PromoCodeDraft;
import io.stagedoor.api.events.PromoKind;
import io.stagedoor.api.sales.Buyer;
import io.stagedoor.api.sales.CheckoutItem;
import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.PaymentChoice;
import io.stagedoor.app.StudioApplication;
import io.stagedoor.app.start.StudioSettings;
import io.stagedoor.client.StagedoorClient;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * Opens the real studio (its local server included) in a real window and walks through the main screens, saving
 * a PNG of each: run by {@code ScreenshotsIT} on a virtual display. Arguments: the output directory, a data
 * directory and a settings directory (both fresh).
 */
public final class ScreenshotTour {

    private static final String EMAIL = "ada@example.org";
    private static final String PASSWORD = "a long enough password";

    private final Path output;

    private ScreenshotTour(Path output) {
        this.output = output;
    }

    public static void main(String[] args) throws Exception {
        var output = Path.of(args[0]);
        Files.createDirectories(output);
        System.setProperty(StudioSettings.CONFIG_DIR_PROPERTY, args[2]);
        Thread.ofPlatform()
                .start(() -> Application.launch(
                        StudioApplication.class, "--http-port=0", "--ingest-port=0", "--data-dir=" + args[1]));
        try {
            new ScreenshotTour(output).run();
            System.out.println("Screenshot tour done");
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        await("#name");
        text("#name", "Ada Organiser");
        text("#newEmail", EMAIL);
        text("#newPassword", PASSWORD);
        shoot("01-first-run.png");

        fire("#createAccount");
        await("#sampleTitle");
        text("#sampleTitle", "Launch Night");
        fire("#createSampleEvent");
        awaitText("#viewerPageUrl");
        shoot("02-first-run-viewer-page.png");

        var viewerPage = fx(() -> ((TextInputControl) lookup("#viewerPageUrl")).getText());
        var server = viewerPage.substring(0, viewerPage.indexOf("/e/") + 1);
        sell(server);

        fire("#enterWorkspace");
        await("#events");
        fire("#refreshEvents");
        awaitRows("#events", 2);
        fx(() -> {
            @SuppressWarnings("unchecked")
            var table = (TableView<Object>) lookup("#events");
            table.getSelectionModel().select(table.getItems().size() - 1);
            return null;
        });
        awaitRows("#ticketTypes", 1);
        shoot("03-events.png");

        tab("tab-sales");
        awaitNot("#salesTickets", "—");
        Thread.sleep(700);
        shoot("04-dashboard.png");

        tab("tab-attendees");
        awaitRows("#attendees", 3);
        shoot("05-attendees.png");

        tab("tab-stream");
        awaitText("#streamServerUrl");
        shoot("06-stream-key.png");

        fire("#newEvent");
        text("#eventTitle", "Studio Session");
        text("#eventTime", "25:99");
        Thread.sleep(500);
        shoot("07-editor-validation.png");

        fx(() -> {
            @SuppressWarnings("unchecked")
            var table = (TableView<Object>) lookup("#events");
            table.getSelectionModel().select(table.getItems().size() - 1);
            return null;
        });
        fire("#themeToggle");
        tab("tab-sales");
        awaitNot("#salesTickets", "—");
        Thread.sleep(700);
        shoot("08-dashboard-dark.png");
    }

    /** Sample sales on the sample event, through the API as buyers would, plus a second, draft event. */
    private static void sell(String server) {
        try (var organiser = StagedoorClient.builder(server).build();
                var buyer = StagedoorClient.builder(server).build()) {
            organiser.accounts().signIn(new SignInRequest(EMAIL, PASSWORD));
            var event = organiser.events().list(1, 10).items().getFirst();
            var type = organiser.ticketTypes().list(event.id()).getFirst();
            organiser
                    .promoCodes()
                    .create(
                            event.id(),
                            new PromoCodeDraft("EARLY", PromoKind.PERCENT, 20, null, null, 100, null, null));
            var buyers = List.of(
                    new Buyer("Grace Hopper", "grace@example.org"),
                    new Buyer("Alan Turing", "alan@example.org"),
                    new Buyer("Katherine Johnson", "katherine@example.org"),
                    new Buyer("Edsger Dijkstra", "edsger@example.org"));
            for (int i = 0; i < buyers.size(); i++) {
                buyer.checkout()
                        .place(
                                new CheckoutRequest(
                                        event.id(),
                                        buyers.get(i),
                                        List.of(new CheckoutItem(type.id(), 1 + i % 3)),
                                        i % 2 == 0 ? "EARLY" : null,
                                        new PaymentChoice("test", "4242 4242 4242 4242")),
                                UUID.randomUUID().toString());
            }
            organiser
                    .events()
                    .create(new EventDraft(
                            "Album Release Stream",
                            "",
                            Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS),
                            "Europe/Vienna",
                            120,
                            null,
                            null));
        }
    }

    private static Scene scene() {
        return Window.getWindows().stream()
                .filter(Window::isShowing)
                .map(Window::getScene)
                .filter(scene -> scene != null && scene.lookup(".sd-status-bar") != null)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no studio window yet"));
    }

    private static Node lookup(String selector) {
        var node = scene().lookup(selector);
        if (node == null) {
            throw new IllegalStateException("nothing matches " + selector);
        }
        return node;
    }

    private static void text(String selector, String text) throws Exception {
        fx(() -> {
            ((TextInputControl) lookup(selector)).setText(text);
            return null;
        });
    }

    private static void fire(String selector) throws Exception {
        fx(() -> {
            ((ButtonBase) lookup(selector)).fire();
            return null;
        });
    }

    private static void tab(String id) throws Exception {
        fx(() -> {
            var tabs = (TabPane) lookup("#eventTabs");
            Tab tab = tabs.getTabs().stream()
                    .filter(t -> id.equals(t.getId()))
                    .findFirst()
                    .orElseThrow();
            tabs.getSelectionModel().select(tab);
            return null;
        });
    }

    private static void await(String selector) throws Exception {
        until(() -> scene().lookup(selector) != null);
    }

    private static void awaitText(String selector) throws Exception {
        until(() -> scene().lookup(selector) instanceof TextInputControl field
                && !field.getText().isEmpty());
    }

    private static void awaitNot(String selector, String text) throws Exception {
        until(() -> scene().lookup(selector) instanceof Labeled label
                && !label.getText().equals(text));
    }

    private static void awaitRows(String selector, int rows) throws Exception {
        until(() -> scene().lookup(selector) instanceof TableView<?> table
                && table.getItems().size() >= rows);
    }

    private static void until(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (fx(condition)) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // no window yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("timed out waiting");
    }

    /** Lets the scene settle (layout, CSS, a rendered pulse), then saves what the window shows. */
    private void shoot(String name) throws Exception {
        Thread.sleep(300);
        var image = fx(() -> scene().snapshot(null));
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        var pixels = new int[width * height];
        image.getPixelReader()
                .getPixels(0, 0, width, height, javafx.scene.image.PixelFormat.getIntArgbInstance(), pixels, 0, width);
        var png = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, width, height, pixels, 0, width);
        try {
            ImageIO.write(png, "png", output.resolve(name).toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        System.out.println("Saved " + output.resolve(name));
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        var task = new FutureTask<>(work);
        Platform.runLater(task);
        try {
            return task.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
