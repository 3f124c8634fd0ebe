package io.stagedoor.app.sales;

import io.stagedoor.api.mail.MailMessage;
import io.stagedoor.api.mail.MailStatus;
import io.stagedoor.api.sales.Attendee;
import io.stagedoor.app.internal.Activity;
import io.stagedoor.app.shell.Workspace;
import io.stagedoor.client.ApiProblemException;
import io.stagedoor.client.Orders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.jspecify.annotations.Nullable;

/**
 * The selected event's ticket holders: a search over name, e-mail, ticket ID and order reference; sending the
 * tickets again; refunding an order (which revokes its tickets); revoking one ticket without a refund, with an undo
 * while {@link #undoableProperty()} holds it; the list as a CSV file; the event's e-mail that could not be delivered,
 * and trying it again.
 */
public final class AttendeesViewModel {

    static final int PAGE_SIZE = 200;

    private final Workspace workspace;
    private final Activity activity;
    private final ObservableList<Attendee> all = FXCollections.observableArrayList();
    private final FilteredList<Attendee> shown = new FilteredList<>(all);
    // One read-only view, kept: a view's listeners on the list are weak and vanish with an unreferenced view.
    private final ObservableList<Attendee> shownView = FXCollections.unmodifiableObservableList(shown);
    private final StringProperty search = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<@Nullable Attendee> undoable = new ReadOnlyObjectWrapper<>();
    private final ObservableList<MailMessage> failedMail = FXCollections.observableArrayList();
    private final ObservableList<MailMessage> failedMailView = FXCollections.unmodifiableObservableList(failedMail);

    public AttendeesViewModel(Workspace workspace) {
        this.workspace = workspace;
        this.activity = new Activity(workspace.tasks());
        search.addListener((obs, old, text) -> shown.setPredicate(attendee -> matches(attendee, text)));
        workspace.selectedEvent().addListener((obs, old, event) -> {
            all.clear();
            failedMail.clear();
            activity.say("");
            undoable.set(null);
        });
    }

    /** What the organiser types into the search field. */
    public StringProperty searchProperty() {
        return search;
    }

    /** The attendees that match the search; read-only. */
    public ObservableList<Attendee> attendees() {
        return shownView;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return activity.busyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return activity.messageProperty();
    }

    /** The ticket revoked last, while its revocation can still be undone from here; null otherwise. */
    public ReadOnlyObjectProperty<@Nullable Attendee> undoableProperty() {
        return undoable.getReadOnlyProperty();
    }

    /** The event's e-mail the mail server refused or could not take for days, newest first, with why; read-only. */
    public ObservableList<MailMessage> failedMail() {
        return failedMailView;
    }

    public void refresh() {
        var event = workspace.events().selected();
        if (event == null) {
            return;
        }
        activity.run(() -> new Loaded(loadAll(event.id()), loadFailedMail(event.id())), loaded -> {
            show(event.id(), loaded.attendees());
            showFailedMail(event.id(), loaded.failedMail());
        });
    }

    /** Tries every e-mail of the event that could not be delivered again now. */
    public void retryFailedMail() {
        var event = workspace.events().selected();
        if (event == null || failedMail.isEmpty()) {
            return;
        }
        var failed = List.copyOf(failedMail);
        activity.run(
                () -> {
                    for (var message : failed) {
                        try {
                            workspace.client().mail().retry(event.id(), message.id());
                        } catch (ApiProblemException e) {
                            if (e.status() != 409) { // 409: sent or being sent meanwhile
                                throw e;
                            }
                        }
                    }
                    return loadFailedMail(event.id());
                },
                left -> {
                    showFailedMail(event.id(), left);
                    activity.say(workspace.messages().format("attendees.mail.retried", failed.size()));
                });
    }

    private List<MailMessage> loadFailedMail(UUID eventId) {
        return workspace
                .client()
                .mail()
                .list(eventId, MailStatus.FAILED, 1, PAGE_SIZE)
                .items();
    }

    private void showFailedMail(UUID eventId, List<MailMessage> loaded) {
        var now = workspace.events().selected();
        if (now != null && now.id().equals(eventId)) {
            failedMail.setAll(loaded);
        }
    }

    private void show(UUID eventId, List<Attendee> loaded) {
        var now = workspace.events().selected();
        if (now != null && now.id().equals(eventId) && !all.equals(loaded)) {
            all.setAll(loaded);
        }
    }

    /** Refunds the attendee's whole order through the payment provider; its tickets stop working. Ask first. */
    public void refundOrder(Attendee attendee) {
        var event = workspace.events().selected();
        if (event == null) {
            return;
        }
        activity.run(
                () -> {
                    var order = workspace.client().orders().refund(event.id(), attendee.orderId());
                    return new Refunded(order.reference(), loadAll(event.id()));
                },
                refunded -> {
                    show(event.id(), refunded.attendees());
                    activity.say(workspace.messages().format("attendees.refunded", refunded.reference()));
                });
    }

    /**
     * Revokes this one ticket: its holder can no longer watch, at once. Not a refund: the order stays paid. Offers
     * {@link #undoRevoke()} afterwards. Ask first.
     */
    public void revokeTicket(Attendee attendee) {
        changeTicket(attendee, (orders, eventId) -> orders.revokeTicket(eventId, attendee.ticketId()), revoked -> {
            undoable.set(revoked);
            return "attendees.revoked";
        });
    }

    /** Makes the ticket revoked last valid again, with the same link. */
    public void undoRevoke() {
        var revoked = undoable.get();
        if (revoked == null) {
            return;
        }
        reinstateTicket(revoked);
    }

    /**
     * Makes a ticket the organiser revoked valid again, with the same link, at any time; the server refuses a ticket
     * revoked with its refunded or cancelled order.
     */
    public void reinstateTicket(Attendee attendee) {
        var undone = undoable.get();
        if (undone != null && undone.ticketId().equals(attendee.ticketId())) {
            undoable.set(null);
        }
        changeTicket(
                attendee,
                (orders, eventId) -> orders.reinstateTicket(eventId, attendee.ticketId()),
                reinstated -> "attendees.reinstated");
    }

    /** Changes one ticket in the background, then shows the list again and says what happened (a message key). */
    private void changeTicket(
            Attendee attendee, BiFunction<Orders, UUID, Attendee> change, Function<Attendee, String> outcome) {
        var event = workspace.events().selected();
        if (event == null) {
            return;
        }
        activity.run(
                () -> new Changed(change.apply(workspace.client().orders(), event.id()), loadAll(event.id())),
                changed -> {
                    show(event.id(), changed.attendees());
                    activity.say(workspace
                            .messages()
                            .format(
                                    outcome.apply(changed.ticket()),
                                    changed.ticket().ticketCode()));
                });
    }

    /** The time to undo a revocation is over; the ticket stays revoked. */
    public void forgetUndo() {
        undoable.set(null);
    }

    /** E-mails the order's tickets again with new links; the old links stop working. */
    public void resendTickets(Attendee attendee) {
        var event = workspace.events().selected();
        if (event == null) {
            return;
        }
        activity.run(
                () -> {
                    workspace.client().orders().resendTickets(event.id(), attendee.orderId());
                    return attendee;
                },
                sent -> activity.say(workspace.messages().format("attendees.resent", sent.holderEmail())));
    }

    /** Writes every attendee of the event (not only those shown) to {@code file} as the server's CSV. */
    public void exportCsv(Path file) {
        var event = workspace.events().selected();
        if (event == null) {
            return;
        }
        activity.run(
                () -> {
                    var csv = workspace.client().orders().attendeesCsv(event.id());
                    try {
                        Files.write(file, csv);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return file;
                },
                saved -> activity.say(workspace.messages().format("attendees.exported", saved.toString())));
    }

    private List<Attendee> loadAll(UUID eventId) {
        var result = new ArrayList<Attendee>();
        int page = 1;
        while (true) {
            var next = workspace.client().orders().attendees(eventId, page, PAGE_SIZE);
            result.addAll(next.items());
            if (!next.hasNext()) {
                return result;
            }
            page++;
        }
    }

    static boolean matches(Attendee attendee, String search) {
        if (search == null || search.isBlank()) {
            return true;
        }
        var needle = search.strip().toLowerCase(Locale.ROOT);
        return List.of(attendee.holderName(), attendee.holderEmail(), attendee.ticketCode(), attendee.orderReference())
                .stream()
                .anyMatch(field -> field.toLowerCase(Locale.ROOT).contains(needle));
    }

    private record Loaded(List<Attendee> attendees, List<MailMessage> failedMail) {}

    private record Refunded(String reference, List<Attendee> attendees) {}

    private record Changed(Attendee ticket, List<Attendee> attendees) {}
}
