package io.stagedoor.app.events;

import io.stagedoor.api.events.PromoCode;
import io.stagedoor.api.events.TicketType;
import io.stagedoor.app.internal.Dialogs;
import io.stagedoor.app.internal.Forms;
import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.internal.Money;
import io.stagedoor.app.internal.Styles;
import io.stagedoor.app.internal.Tables;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import org.jspecify.annotations.Nullable;

/**
 * The event form with its ticket types and promo codes. Fields are checked as they are typed (ControlsFX marks the
 * field and the first problem is written under the form); the buttons wait until the form is valid.
 */
public final class EventEditorView {

    private final EventEditorViewModel model;
    private final Messages messages;
    private final ScrollPane root;

    public EventEditorView(EventEditorViewModel model, Messages messages) {
        this.model = model;
        this.messages = messages;
        var heading = Forms.value("editorHeading", model.headingProperty());
        heading.getStyleClass().add(Styles.TITLE);
        var content = new VBox(
                12,
                heading,
                eventForm(),
                Forms.message("editorMessage", model.messageProperty()),
                new Separator(),
                ticketTypes(),
                new Separator(),
                promoCodes());
        content.setPadding(new Insets(16));
        root = new ScrollPane(content);
        root.setFitToWidth(true);
    }

    public Node root() {
        return root;
    }

    private Node eventForm() {
        var checks = new ValidationSupport();
        var title = Forms.field("eventTitle", messages.get("editor.title"), model.titleProperty());
        var description = new TextArea();
        description.setId("eventDescription");
        description.setPrefRowCount(3);
        description.setWrapText(true);
        description.textProperty().bindBidirectional(model.descriptionProperty());
        var date = new DatePicker();
        date.setId("eventDate");
        date.valueProperty().bindBidirectional(model.startDateProperty());
        var time = Forms.field("eventTime", messages.get("editor.time"), model.startTimeProperty());
        time.setPrefColumnCount(6);
        var zone = Forms.field("eventTimeZone", messages.get("editor.timeZone"), model.timeZoneProperty());
        var duration = Forms.field("eventDuration", messages.get("editor.duration"), model.durationMinutesProperty());
        duration.setPrefColumnCount(6);
        check(checks, title, model::titleProblem);
        check(checks, date, model::startDateProblem);
        check(checks, time, model::startTimeProblem);
        check(checks, zone, model::timeZoneProblem);
        check(checks, duration, model::durationProblem);

        var grid = Forms.grid();
        Forms.row(grid, messages.get("editor.title"), title);
        Forms.row(grid, messages.get("editor.description"), description);
        Forms.row(grid, messages.get("editor.date"), new HBox(8, date, time));
        Forms.row(grid, messages.get("editor.timeZone"), zone);
        Forms.row(grid, messages.get("editor.duration"), duration);
        for (var grow : List.of(title, description, zone)) {
            GridPane.setHgrow(grow, Priority.ALWAYS);
        }

        var save = new Button(messages.get("editor.save"));
        save.setId("saveEvent");
        save.setDefaultButton(true);
        save.disableProperty().bind(checks.invalidProperty().or(model.busyProperty()));
        save.setOnAction(e -> model.save());
        var publish = new Button(messages.get("editor.publish"));
        publish.setId("publishEvent");
        publish.visibleProperty().bind(model.publishableProperty());
        publish.managedProperty().bind(publish.visibleProperty());
        publish.disableProperty().bind(model.busyProperty());
        publish.setOnAction(e -> model.publish());
        var buttons = new HBox(8, save, publish);
        return new VBox(8, grid, problems("eventProblem", checks), buttons);
    }

    private Node ticketTypes() {
        var table = new TableView<>(model.ticketTypes());
        table.setId("ticketTypes");
        table.setPlaceholder(new Label(messages.get("editor.noTicketTypes")));
        table.setPrefHeight(150);
        Tables.fitColumns(table);
        table.getColumns()
                .setAll(List.of(
                        Tables.column(messages.get("editor.ticketName"), TicketType::name),
                        Tables.column(
                                messages.get("editor.price"),
                                (TicketType t) -> Money.format(t.priceMinor(), t.currency(), messages.locale())),
                        Tables.column(messages.get("editor.quota"), (TicketType t) -> Integer.toString(t.quota())),
                        Tables.column(messages.get("editor.sold"), (TicketType t) -> Integer.toString(t.sold()))));

        var checks = new ValidationSupport();
        var name = Forms.field("ticketName", messages.get("editor.ticketName"), model.ticketNameProperty());
        name.setPromptText(messages.get("editor.ticketName"));
        var price = Forms.field("ticketPrice", messages.get("editor.price"), model.ticketPriceProperty());
        price.setPromptText(messages.get("editor.price"));
        price.setPrefColumnCount(6);
        var currency = Forms.field("ticketCurrency", messages.get("editor.currency"), model.ticketCurrencyProperty());
        currency.setPrefColumnCount(4);
        var quota = Forms.field("ticketQuota", messages.get("editor.quota"), model.ticketQuotaProperty());
        quota.setPrefColumnCount(5);
        check(checks, name, model::ticketNameProblem);
        check(checks, price, model::priceProblem);
        check(checks, currency, model::currencyProblem);
        check(checks, quota, model::quotaProblem);
        // The price's rule depends on the currency's decimals.
        model.ticketCurrencyProperty().addListener((obs, old, now) -> checks.revalidate(price));

        var add = new Button(messages.get("editor.addTicketType"));
        add.setId("addTicketType");
        add.disableProperty().bind(checks.invalidProperty().or(model.busyProperty()));
        add.setOnAction(e -> model.addTicketType());
        var delete = new Button(messages.get("editor.deleteTicketType"));
        delete.setId("deleteTicketType");
        delete.getStyleClass().add(Styles.DANGER);
        delete.disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty()));
        delete.setOnAction(e -> {
            var type = table.getSelectionModel().getSelectedItem();
            if (type != null
                    && Dialogs.confirm(
                            root,
                            messages.format("editor.deleteTicketType.confirm", type.name()),
                            messages.get("editor.deleteTicketType.text"),
                            messages.get("editor.deleteTicketType"),
                            messages.get("dialog.cancel"))) {
                model.deleteTicketType(type);
            }
        });
        var form = new HBox(8, name, price, currency, quota, add, delete);
        form.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(name, Priority.ALWAYS);
        var section = new VBox(8, subtitle("editor.ticketTypes"), table, form, problems("ticketProblem", checks));
        section.disableProperty().bind(model.existingProperty().not());
        return section;
    }

    private Node promoCodes() {
        var table = new TableView<>(model.promoCodes());
        table.setId("promoCodes");
        table.setPlaceholder(new Label(messages.get("editor.noPromoCodes")));
        table.setPrefHeight(130);
        Tables.fitColumns(table);
        table.getColumns()
                .setAll(List.of(
                        Tables.column(messages.get("editor.promoCode"), PromoCode::code),
                        Tables.column(messages.get("editor.discount"), this::discount),
                        Tables.column(
                                messages.get("editor.redemptions"), (PromoCode p) -> Integer.toString(p.redemptions())),
                        Tables.column(
                                messages.get("editor.active"),
                                (PromoCode p) -> messages.get(p.active() ? "editor.yes" : "editor.no"))));

        var checks = new ValidationSupport();
        var code = Forms.field("promoCode", messages.get("editor.promoCode"), model.promoCodeProperty());
        code.setPromptText(messages.get("editor.promoCode"));
        var percent = Forms.field("promoPercent", messages.get("editor.percent"), model.promoPercentProperty());
        percent.setPromptText(messages.get("editor.percent"));
        percent.setPrefColumnCount(5);
        check(checks, code, model::promoCodeProblem);
        check(checks, percent, model::percentProblem);
        var add = new Button(messages.get("editor.addPromoCode"));
        add.setId("addPromoCode");
        add.disableProperty().bind(checks.invalidProperty().or(model.busyProperty()));
        add.setOnAction(e -> model.addPromoCode());
        var toggle = new Button(messages.get("editor.togglePromoCode"));
        toggle.setId("togglePromoCode");
        toggle.disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty()));
        toggle.setOnAction(e -> {
            var selected = table.getSelectionModel().getSelectedItem();
            if (selected != null) {
                // Switching off is undone by switching on again: no question asked.
                model.setPromoCodeActive(selected, !selected.active());
            }
        });
        var form = new HBox(8, code, percent, add, toggle);
        form.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(code, Priority.ALWAYS);
        var section = new VBox(8, subtitle("editor.promoCodes"), table, form, problems("promoProblem", checks));
        section.disableProperty().bind(model.existingProperty().not());
        return section;
    }

    private String discount(PromoCode code) {
        if (code.percentOff() != null) {
            return code.percentOff() + " %";
        }
        return code.amountOffMinor() == null ? "—" : Long.toString(code.amountOffMinor());
    }

    private Label subtitle(String key) {
        var label = new Label(messages.get(key));
        label.getStyleClass().add(Styles.SUBTITLE);
        return label;
    }

    /** The first problem of a form, in words, under it. */
    private static Label problems(String id, ValidationSupport checks) {
        var text = new ReadOnlyStringWrapper("");
        checks.validationResultProperty().addListener((obs, old, result) -> text.set(firstError(result)));
        var label = Forms.message(id, text.getReadOnlyProperty());
        label.getStyleClass().add(Styles.STATUS_ERROR);
        return label;
    }

    private static String firstError(@Nullable ValidationResult result) {
        return result == null || result.getErrors().isEmpty()
                ? ""
                : result.getErrors().iterator().next().getText();
    }

    private static void check(ValidationSupport checks, TextField field, Function<String, Optional<String>> rule) {
        register(checks, field, rule);
    }

    private static <T> void check(ValidationSupport checks, DatePicker field, Function<T, Optional<String>> rule) {
        register(checks, field, rule);
    }

    private static <T> void register(ValidationSupport checks, Control control, Function<T, Optional<String>> rule) {
        Validator<T> validator = (Control c, T value) -> {
            var problem = rule.apply(value);
            return ValidationResult.fromErrorIf(c, problem.orElse(""), problem.isPresent());
        };
        checks.registerValidator(control, false, validator);
    }
}
