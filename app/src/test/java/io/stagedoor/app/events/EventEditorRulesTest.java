package io.stagedoor.app.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.accounts.Account;
import io.stagedoor.api.accounts.AccountRole;
import io.stagedoor.api.accounts.AccountStatus;
import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.shell.EventSelection;
import io.stagedoor.app.shell.Workspace;
import io.stagedoor.client.StagedoorClient;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The editor's rules, without a window and without a server: nothing invalid is ever sent. */
class EventEditorRulesTest {

    private final StagedoorClient nowhere =
            StagedoorClient.builder("http://127.0.0.1:9").maxRetries(0).build();
    private final EventEditorViewModel editor = offlineEditor(nowhere);

    /** An editor whose server is nowhere: what it says comes from its own rules. */
    static EventEditorViewModel offlineEditor(StagedoorClient nowhere) {
        var workspace = new Workspace(
                nowhere,
                new Account(
                        UUID.randomUUID(),
                        "me@example.org",
                        "Me",
                        AccountRole.ORGANISER,
                        AccountStatus.ACTIVE,
                        Instant.EPOCH),
                new EventSelection(),
                Runnable::run,
                Runnable::run,
                url -> {},
                Messages.load());
        return new EventEditorViewModel(workspace, () -> {});
    }

    @AfterEach
    void close() {
        nowhere.close();
    }

    @Test
    void eachFieldSaysWhatIsWrongInWords() {
        assertThat(editor.titleProblem(" ")).contains("The event needs a title.");
        assertThat(editor.titleProblem("Launch night")).isEmpty();
        assertThat(editor.startTimeProblem("25:00")).contains("Write the time as hours:minutes, e.g. 20:00.");
        assertThat(editor.startTimeProblem("9:30")).isEmpty();
        assertThat(editor.timeZoneProblem("Mars/Olympus")).isPresent();
        assertThat(editor.timeZoneProblem("Europe/Vienna")).isEmpty();
        assertThat(editor.durationProblem("0")).isPresent();
        assertThat(editor.durationProblem("90")).isEmpty();
        assertThat(editor.ticketForm().priceProblem("12.555")).isPresent();
        assertThat(editor.ticketForm().priceProblem("12.50")).isEmpty();
        assertThat(editor.ticketForm().currencyProblem("EURO")).isPresent();
        assertThat(editor.ticketForm().quotaProblem("0")).isPresent();
        assertThat(editor.promoForm().codeProblem("a b")).isPresent();
        assertThat(editor.promoForm().codeProblem("SPRING-26")).isEmpty();
        assertThat(editor.promoForm().percentProblem("101")).isPresent();
        assertThat(editor.promoForm().percentProblem("20")).isEmpty();
    }

    @Test
    void aNewEventStartsWithSensibleValuesAndSavingAnInvalidOneSendsNothing() {
        assertThat(editor.existingProperty().get()).isFalse();
        assertThat(editor.headingProperty().get()).isEqualTo("New event");
        assertThat(editor.startDateProperty().get()).isNotNull();
        assertThat(editor.timeZoneProblem(editor.timeZoneProperty().get())).isEmpty();

        editor.titleProperty().set("");
        editor.save();

        // A request to the unreachable address would have said so; the rule speaks instead.
        assertThat(editor.messageProperty().get()).isEqualTo("The event needs a title.");
        assertThat(editor.busyProperty().get()).isFalse();
    }
}
