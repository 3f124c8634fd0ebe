package io.stagedoor.app.sales;

import io.stagedoor.api.sales.Attendee;
import io.stagedoor.api.sales.Revocation;
import io.stagedoor.api.sales.TicketStatus;
import io.stagedoor.app.internal.Dialogs;
import io.stagedoor.app.internal.Forms;
import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.internal.Styles;
import io.stagedoor.app.internal.Tables;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Ticket holders with a search field, resend, refund and single-ticket revoke (both asked first; a revoke can be undone
 * from a banner for {@link #UNDO_TIME}, and reinstated later from the row) and CSV export.
 */
public final class AttendeesView {

    /** How long the banner offers to undo a revocation. */
    static final Duration UNDO_TIME = Duration.seconds(30);

    private final VBox root = new VBox(12);
    private final TextField search;

    /** @param csvTarget asks where to save the CSV (a file dialog in the app); null when the user cancels */
    public AttendeesView(AttendeesViewModel model, Messages messages, Function<Window, @Nullable Path> csvTarget) {
        var title = new Label(messages.get("attendees.title"));
        title.getStyleClass().add(Styles.TITLE);
        search = Forms.field("attendeeSearch", messages.get("attendees.search"), model.searchProperty());
        search.setPromptText(messages.get("attendees.search"));
        HBox.setHgrow(search, Priority.ALWAYS);

        var issued = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(messages.locale());
        var table = Tables.of(
                "attendees",
                model.attendees(),
                messages.get("attendees.none"),
                Tables.column(messages.get("attendees.name"), Attendee::holderName),
                Tables.column(messages.get("attendees.email"), Attendee::holderEmail),
                Tables.column(messages.get("attendees.ticket"), Attendee::ticketCode),
                Tables.column(messages.get("attendees.type"), Attendee::ticketTypeName),
                Tables.column(messages.get("attendees.order"), Attendee::orderReference),
                Tables.column(messages.get("attendees.status"), a -> statusLabel(a, messages)),
                Tables.column(
                        messages.get("attendees.issued"),
                        a -> issued.format(a.issuedAt().atZone(ZoneId.systemDefault()))));
        VBox.setVgrow(table, Priority.ALWAYS);
        var selected = table.getSelectionModel().selectedItemProperty();

        var resend = new Button(messages.get("attendees.resend"));
        resend.setId("resendTickets");
        resend.disableProperty().bind(selected.isNull().or(model.busyProperty()));
        resend.setOnAction(e -> model.resendTickets(table.getSelectionModel().getSelectedItem()));
        var refund = new Button(messages.get("attendees.refund"));
        refund.setId("refundOrder");
        refund.getStyleClass().add(Styles.DANGER);
        refund.disableProperty().bind(selected.isNull().or(model.busyProperty()));
        refund.setOnAction(e -> {
            var attendee = table.getSelectionModel().getSelectedItem();
            if (attendee != null
                    && Dialogs.confirm(
                            root,
                            messages.format("attendees.refund.confirm", attendee.orderReference()),
                            messages.format("attendees.refund.text", attendee.holderName()),
                            messages.get("attendees.refund"),
                            messages.get("dialog.cancel"))) {
                model.refundOrder(attendee);
            }
        });
        var revoke = new Button(messages.get("attendees.revoke"));
        revoke.setId("revokeTicket");
        revoke.getStyleClass().add(Styles.DANGER);
        revoke.disableProperty()
                .bind(Bindings.createBooleanBinding(
                                () -> selected.get() == null || selected.get().status() != TicketStatus.VALID, selected)
                        .or(model.busyProperty()));
        revoke.setOnAction(e -> {
            var attendee = table.getSelectionModel().getSelectedItem();
            if (attendee != null
                    && Dialogs.confirm(
                            root,
                            messages.format("attendees.revoke.confirm", attendee.ticketCode(), attendee.holderName()),
                            messages.get("attendees.revoke.text"),
                            messages.get("attendees.revoke"),
                            messages.get("dialog.cancel"))) {
                model.revokeTicket(attendee);
            }
        });
        var reinstate = new Button(messages.get("attendees.reinstate"));
        reinstate.setId("reinstateTicket");
        reinstate
                .disableProperty()
                .bind(Bindings.createBooleanBinding(
                                () -> selected.get() == null || selected.get().revocation() != Revocation.ORGANISER,
                                selected)
                        .or(model.busyProperty()));
        reinstate.setOnAction(
                e -> model.reinstateTicket(table.getSelectionModel().getSelectedItem()));
        var export = new Button(messages.get("attendees.export"));
        export.setId("exportCsv");
        export.disableProperty().bind(model.busyProperty());
        export.setOnAction(e -> {
            var file = csvTarget.apply(root.getScene().getWindow());
            if (file != null) {
                model.exportCsv(file);
            }
        });
        var refresh = new Button(messages.get("attendees.refresh"));
        refresh.setId("refreshAttendees");
        refresh.setOnAction(e -> model.refresh());
        var find = new HBox(8, search, refresh, export);
        find.setAlignment(Pos.CENTER_LEFT);
        // The selected ticket's actions on a row of their own, so that none is cut short in a narrow window.
        var actions = new HBox(8, resend, refund, revoke, reinstate);
        actions.setAlignment(Pos.CENTER_LEFT);
        for (var button : List.of(refresh, export, resend, refund, revoke, reinstate)) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        var tools = new VBox(8, find, actions);
        root.getChildren()
                .addAll(
                        title,
                        tools,
                        undoBanner(model, messages),
                        failedMailBanner(model, messages),
                        table,
                        Forms.message("attendeesMessage", model.messageProperty()));
        root.setPadding(new Insets(16));
    }

    public Node root() {
        return root;
    }

    /** The ticket's status, or that its order's refund has not reached the buyer yet. */
    static String statusLabel(Attendee attendee, Messages messages) {
        if (attendee.refundPending()) {
            return messages.get("attendees.status.refundPending");
        }
        return attendee.revocation() == null
                ? messages.get("ticket." + attendee.status().name())
                : messages.get("attendees.status." + attendee.revocation().name());
    }

    /** "Ticket … revoked · Undo", shown after a revocation until undone or for {@link #UNDO_TIME}. */
    private static Node undoBanner(AttendeesViewModel model, Messages messages) {
        var text = new Label();
        text.setId("undoText");
        text.setWrapText(true);
        text.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            var revoked = model.undoableProperty().get();
                            return revoked == null
                                    ? ""
                                    : messages.format(
                                            "attendees.undo.text", revoked.ticketCode(), revoked.holderName());
                        },
                        model.undoableProperty()));
        var undo = new Button(messages.get("attendees.undo"));
        undo.setId("undoRevoke");
        undo.disableProperty().bind(model.busyProperty());
        undo.setOnAction(e -> model.undoRevoke());
        var banner = new HBox(12, text, undo);
        banner.setId("undoBanner");
        banner.getStyleClass().add(Styles.CARD);
        banner.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(text, Priority.ALWAYS);
        banner.visibleProperty().bind(model.undoableProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        var expiry = new PauseTransition(UNDO_TIME);
        expiry.setOnFinished(e -> model.forgetUndo());
        model.undoableProperty().addListener((obs, old, now) -> {
            expiry.stop();
            if (now != null) {
                expiry.playFromStart();
            }
        });
        return banner;
    }

    /** "2 e-mails could not be delivered; the latest to … : why · Try again", while there are any. */
    private static Node failedMailBanner(AttendeesViewModel model, Messages messages) {
        var text = new Label();
        text.setId("failedMailText");
        text.setWrapText(true);
        text.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            var failed = model.failedMail();
                            if (failed.isEmpty()) {
                                return "";
                            }
                            var latest = failed.getFirst();
                            return messages.format(
                                    "attendees.mail.failed",
                                    failed.size(),
                                    latest.recipient(),
                                    String.valueOf(latest.lastError()));
                        },
                        model.failedMail()));
        var retry = new Button(messages.get("attendees.mail.retry"));
        retry.setId("retryFailedMail");
        retry.setMinWidth(Region.USE_PREF_SIZE);
        retry.disableProperty().bind(model.busyProperty());
        retry.setOnAction(e -> model.retryFailedMail());
        var banner = new HBox(12, text, retry);
        banner.setId("failedMailBanner");
        banner.getStyleClass().add(Styles.CARD);
        banner.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(text, Priority.ALWAYS);
        banner.visibleProperty().bind(Bindings.isNotEmpty(model.failedMail()));
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    /** Asks where to save the CSV with the system's file dialog. */
    public static Function<Window, @Nullable Path> saveDialog(Messages messages) {
        return window -> {
            var chooser = new FileChooser();
            chooser.setTitle(messages.get("attendees.exportTitle"));
            chooser.setInitialFileName("attendees.csv");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
            var file = chooser.showSaveDialog(window);
            return file == null ? null : file.toPath();
        };
    }

    /** Puts the cursor into the search field (Ctrl+F). */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }
}
