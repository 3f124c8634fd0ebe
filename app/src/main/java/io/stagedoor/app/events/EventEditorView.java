package io.stagedoor.app.events;

import io.stagedoor.api.events.PromoCode;
import io.stagedoor.api.events.PromoKind;
import io.stagedoor.api.events.TicketType;
import io.stagedoor.app.internal.Dialogs;
import io.stagedoor.app.internal.Forms;
import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.internal.Money;
import io.stagedoor.app.internal.Styles;
import io.stagedoor.app.internal.Tables;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Control;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import org.jspecify.annotations.Nullable;

/**
 * The event form with its cover, ticket types and promo codes. Fields are checked as they are typed (ControlsFX marks
 * the field and the form's first problem is written under it), and so are the server's refusals, at the field they
 * are about; the buttons wait until the form is valid.
 */
public final class EventEditorView {

    private final EventEditorViewModel model;
    private final Messages messages;
    private final Function<Window, @Nullable Path> coverSource;
    private final ScrollPane root;

    /** @param coverSource asks for the cover image file (a file dialog in the app); null when the user cancels */
    public EventEditorView(
            EventEditorViewModel model, Messages messages, Function<Window, @Nullable Path> coverSource) {
        this.model = model;
        this.messages = messages;
        this.coverSource = coverSource;
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

    /** Asks for a PNG or JPEG with the system's file dialog. */
    public static Function<Window, @Nullable Path> openImageDialog(Messages messages) {
        return window -> {
            var chooser = new FileChooser();
            chooser.setTitle(messages.get("editor.coverTitle"));
            chooser.getExtensionFilters()
                    .add(new FileChooser.ExtensionFilter(
                            messages.get("editor.coverFiles"), "*.png", "*.jpg", "*.jpeg", "*.PNG", "*.JPG", "*.JPEG"));
            var file = chooser.showOpenDialog(window);
            return file == null ? null : file.toPath();
        };
    }

    private Node eventForm() {
        var checks = new ValidationSupport();
        var refusals = model.refusals();
        var title = Forms.field("eventTitle", messages.get("editor.title"), model.titleProperty());
        var description = new TextArea();
        description.setId("eventDescription");
        description.setAccessibleText(messages.get("editor.description"));
        description.setPrefRowCount(3);
        description.setWrapText(true);
        description.textProperty().bindBidirectional(model.descriptionProperty());
        var date = new DatePicker();
        date.setId("eventDate");
        date.setAccessibleText(messages.get("editor.date"));
        date.valueProperty().bindBidirectional(model.startDateProperty());
        var time = Forms.field("eventTime", messages.get("editor.time"), model.startTimeProperty());
        time.setPrefColumnCount(6);
        var zone = Forms.field("eventTimeZone", messages.get("editor.timeZone"), model.timeZoneProperty());
        var duration = Forms.field("eventDuration", messages.get("editor.duration"), model.durationMinutesProperty());
        duration.setPrefColumnCount(6);
        var slug = Forms.field("eventSlug", messages.get("editor.slug"), model.slugProperty());
        slug.setPromptText(messages.get("editor.slugPrompt"));
        var address = Forms.value("eventAddress", model.publicAddressProperty());
        address.setWrapText(true);
        address.getStyleClass().add(Styles.STATUS);
        var colour = colourPicker();
        check(checks, title, model::titleProblem, refusals, "title", "editor.title");
        check(checks, date, model::startDateProblem, refusals, "startsAt", "editor.date");
        check(checks, time, model::startTimeProblem, refusals, "startsAt", "editor.time");
        check(checks, zone, model::timeZoneProblem, refusals, "timeZone", "editor.timeZone");
        check(checks, duration, model::durationProblem, refusals, "durationMinutes", "editor.duration");
        check(checks, slug, model::slugProblem, refusals, "slug", "editor.slug");
        var colourCode = Forms.field("eventColourCode", messages.get("editor.colour"), model.brandColourProperty());
        colourCode.setPrefColumnCount(8);
        check(checks, colourCode, model::colourProblem, refusals, "brandColour", "editor.colour");
        revalidateOn(checks, refusals);
        // An empty address is fine for a new event only.
        model.existingProperty().addListener((obs, old, now) -> checks.revalidate(slug));

        var grid = Forms.grid();
        Forms.row(grid, messages.get("editor.title"), title);
        Forms.row(grid, messages.get("editor.description"), description);
        Forms.row(grid, messages.get("editor.date"), new HBox(8, date, time));
        Forms.row(grid, messages.get("editor.timeZone"), zone);
        Forms.row(grid, messages.get("editor.duration"), duration);
        Forms.row(grid, messages.get("editor.showtime"), autoStart());
        Forms.row(grid, messages.get("editor.slug"), new VBox(4, slug, address));
        var colourRow = new HBox(8, colour, colourCode);
        colourRow.setAlignment(Pos.CENTER_LEFT);
        Forms.row(grid, messages.get("editor.colour"), colourRow);
        Forms.row(grid, messages.get("editor.cover"), cover());
        for (var grow : List.of(title, description, zone, slug)) {
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

    /** Whether the show goes on air by itself at the start time, with what happens otherwise. */
    private Node autoStart() {
        var box = new CheckBox(messages.get("editor.autoStart"));
        box.setId("eventAutoStart");
        box.selectedProperty().bindBidirectional(model.autoStartProperty());
        var hint = new Label(messages.get("editor.autoStartHint"));
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.FIELD_LABEL);
        box.setAccessibleHelp(hint.getText());
        return new VBox(4, box, hint);
    }

    /** The brand colour, kept as {@code #RRGGBB} text in the view-model. */
    private ColorPicker colourPicker() {
        var picker = new ColorPicker();
        picker.setId("eventColour");
        picker.setAccessibleText(messages.get("editor.colour"));
        Runnable show = () -> {
            var text = model.brandColourProperty().get();
            if (model.colourProblem(text).isEmpty() && !text.equalsIgnoreCase(hex(picker.getValue()))) {
                picker.setValue(Color.web(text));
            }
        };
        show.run();
        model.brandColourProperty().addListener((obs, old, now) -> show.run());
        picker.valueProperty().addListener((obs, old, now) -> {
            if (now != null
                    && !hex(now).equalsIgnoreCase(model.brandColourProperty().get())) {
                model.brandColourProperty().set(hex(now));
            }
        });
        return picker;
    }

    private static String hex(@Nullable Color colour) {
        if (colour == null) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "#%02X%02X%02X",
                Math.round(colour.getRed() * 255),
                Math.round(colour.getGreen() * 255),
                Math.round(colour.getBlue() * 255));
    }

    /** A thumbnail of the saved cover, and a button to choose another image. */
    private Node cover() {
        var thumbnail = new ImageView();
        thumbnail.setId("coverThumbnail");
        thumbnail.setFitWidth(160);
        thumbnail.setFitHeight(90);
        thumbnail.setPreserveRatio(true);
        thumbnail.visibleProperty().bind(thumbnail.imageProperty().isNotNull());
        thumbnail.managedProperty().bind(thumbnail.visibleProperty());
        thumbnail.setAccessibleText(messages.get("editor.cover"));
        model.coverProperty()
                .addListener((obs, old, bytes) -> thumbnail.setImage(
                        bytes == null ? null : new Image(new ByteArrayInputStream(bytes), 320, 180, true, true)));
        var none = new Label(messages.get("editor.noCover"));
        none.setMinWidth(Region.USE_PREF_SIZE);
        none.visibleProperty().bind(model.coverProperty().isNull());
        none.managedProperty().bind(none.visibleProperty());
        var choose = new Button(messages.get("editor.chooseCover"));
        choose.setId("chooseCover");
        choose.disableProperty().bind(model.existingProperty().not().or(model.busyProperty()));
        choose.setOnAction(e -> {
            var file = coverSource.apply(root.getScene().getWindow());
            if (file != null) {
                model.uploadCover(file);
            }
        });
        var hint = new Label(messages.get("editor.coverHint"));
        hint.setWrapText(true);
        choose.setMinWidth(Region.USE_PREF_SIZE);
        var problem = Forms.message("coverProblem", model.coverProblemProperty());
        problem.getStyleClass().add(Styles.STATUS_ERROR);
        var actions = new VBox(4, choose, hint);
        HBox.setHgrow(actions, Priority.ALWAYS);
        var row = new HBox(12, thumbnail, none, actions);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, row, problem);
    }

    private Node ticketTypes() {
        var form = model.ticketForm();
        var refusals = model.ticketRefusals();
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
                        Tables.column(messages.get("editor.sold"), (TicketType t) -> Integer.toString(t.sold())),
                        Tables.column(
                                messages.get("editor.saleWindow"),
                                (TicketType t) -> window(t.saleStartsAt(), t.saleEndsAt())),
                        Tables.column(messages.get("editor.access"), this::access)));

        var checks = new ValidationSupport();
        var name = Forms.field("ticketName", messages.get("editor.ticketName"), form.nameProperty());
        name.setPromptText(messages.get("editor.ticketName"));
        var price = Forms.field("ticketPrice", messages.get("editor.price"), form.priceProperty());
        price.setPromptText(messages.get("editor.price"));
        price.setPrefColumnCount(6);
        var currency = Forms.field("ticketCurrency", messages.get("editor.currency"), form.currencyProperty());
        currency.setPrefColumnCount(4);
        // One currency per event: fixed once the event has a ticket type.
        currency.disableProperty()
                .bind(form.editingProperty().isNotNull().or(Bindings.isNotEmpty(model.ticketTypes())));
        var quota = Forms.field("ticketQuota", messages.get("editor.quota"), form.quotaProperty());
        quota.setPrefColumnCount(5);
        var saleFrom = moment("saleFrom", "editor.saleFrom", form.saleStarts());
        var saleUntil = moment("saleUntil", "editor.saleUntil", form.saleEnds());
        var live = new CheckBox(messages.get("editor.live"));
        live.setId("ticketLive");
        live.selectedProperty().bindBidirectional(form.liveProperty());
        var replay = Forms.field("ticketReplayHours", messages.get("editor.replayHours"), form.replayHoursProperty());
        replay.setPrefColumnCount(5);
        replay.disableProperty().bind(form.liveProperty().not());
        var onDemand = new CheckBox(messages.get("editor.onDemand"));
        onDemand.setId("ticketOnDemand");
        onDemand.selectedProperty().bindBidirectional(form.onDemandProperty());
        var rental = Forms.field("ticketRentalHours", messages.get("editor.rentalHours"), form.rentalHoursProperty());
        rental.setPrefColumnCount(5);
        rental.disableProperty().bind(form.onDemandProperty().not());
        var doors = Forms.field("ticketDoors", messages.get("editor.doors"), form.doorsOpenMinutesProperty());
        doors.setPrefColumnCount(5);

        check(checks, name, form::nameProblem, refusals, "name", "editor.ticketName");
        check(checks, price, form::priceProblem, refusals, "priceMinor", "editor.price");
        check(checks, currency, form::currencyProblem, refusals, "currency", "editor.currency");
        check(checks, quota, form::quotaProblem, refusals, "quota", "editor.quota");
        checkNow(
                checks,
                saleFrom.time(),
                () -> form.saleStartsProblem(model.zone()),
                refusals,
                "saleStartsAt",
                "editor.saleFrom");
        checkNow(
                checks,
                saleUntil.time(),
                () -> form.saleEndsProblem(model.zone()),
                refusals,
                "saleEndsAt",
                "editor.saleUntil");
        checkNow(checks, live, form::accessProblem, refusals, "access", "editor.access");
        check(checks, replay, form::replayHoursProblem, refusals, "access.replayHours", "editor.replayHours");
        check(checks, rental, form::rentalHoursProblem, refusals, "access.rentalHours", "editor.rentalHours");
        check(checks, doors, form::doorsProblem, refusals, "access.doorsOpenMinutes", "editor.doors");
        revalidateOn(
                checks,
                refusals,
                form.currencyProperty(),
                form.onDemandProperty(),
                form.liveProperty(),
                model.timeZoneProperty(),
                form.saleStarts().dateProperty(),
                form.saleStarts().timeProperty(),
                form.saleEnds().dateProperty(),
                form.saleEnds().timeProperty());

        var save = new Button();
        save.setId("addTicketType");
        save.textProperty()
                .bind(Bindings.when(form.editingProperty().isNull())
                        .then(messages.get("editor.addTicketType"))
                        .otherwise(messages.get("editor.saveTicketType")));
        save.disableProperty().bind(checks.invalidProperty().or(model.busyProperty()));
        save.setOnAction(e -> model.saveTicketType());
        var fresh = new Button(messages.get("editor.newTicketType"));
        fresh.setId("newTicketType");
        fresh.disableProperty().bind(form.editingProperty().isNull());
        fresh.setOnAction(e -> model.newTicketType());
        var selected = table.getSelectionModel().selectedItemProperty();
        var edit = new Button(messages.get("editor.editTicketType"));
        edit.setId("editTicketType");
        edit.disableProperty().bind(selected.isNull().or(model.busyProperty()));
        edit.setOnAction(e -> {
            var type = table.getSelectionModel().getSelectedItem();
            if (type != null) {
                model.editTicketType(type);
            }
        });
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && table.getSelectionModel().getSelectedItem() != null) {
                model.editTicketType(table.getSelectionModel().getSelectedItem());
            }
        });
        var delete = new Button(messages.get("editor.deleteTicketType"));
        delete.setId("deleteTicketType");
        delete.getStyleClass().add(Styles.DANGER);
        delete.disableProperty().bind(selected.isNull().or(model.busyProperty()));
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
        var editing = new Label();
        editing.setId("ticketEditing");
        editing.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> form.editingProperty().get() == null
                                ? messages.get("editor.newTicketTypeHeading")
                                : messages.format(
                                        "editor.editingTicketType",
                                        form.editingProperty().get().name()),
                        form.editingProperty()));
        editing.getStyleClass().add(Styles.FIELD_LABEL);

        var grid = Forms.grid();
        Forms.row(grid, messages.get("editor.ticketName"), name);
        Forms.row(
                grid,
                messages.get("editor.price"),
                new HBox(8, price, currency, labelFor("editor.quota", quota), quota));
        Forms.row(grid, messages.get("editor.saleFrom"), saleFrom.node());
        Forms.row(grid, messages.get("editor.saleUntil"), saleUntil.node());
        Forms.row(grid, messages.get("editor.access"), live);
        Forms.row(grid, messages.get("editor.replayHours"), replay);
        Forms.row(grid, "", onDemand);
        Forms.row(grid, messages.get("editor.rentalHours"), rental);
        Forms.row(grid, messages.get("editor.doors"), doors);
        GridPane.setHgrow(name, Priority.ALWAYS);
        var tableButtons = new HBox(8, edit, delete);
        var formButtons = new HBox(8, save, fresh);
        var section = new VBox(
                8,
                subtitle("editor.ticketTypes"),
                table,
                tableButtons,
                editing,
                grid,
                problems("ticketProblem", checks),
                formButtons);
        section.disableProperty().bind(model.existingProperty().not());
        return section;
    }

    private Node promoCodes() {
        var form = model.promoForm();
        var refusals = model.promoRefusals();
        var table = new TableView<>(model.promoCodes());
        table.setId("promoCodes");
        table.setPlaceholder(new Label(messages.get("editor.noPromoCodes")));
        table.setPrefHeight(130);
        Tables.fitColumns(table);
        table.getColumns()
                .setAll(List.of(
                        Tables.column(messages.get("editor.promoCode"), PromoCode::code),
                        Tables.column(messages.get("editor.discount"), this::discount),
                        Tables.column(messages.get("editor.appliesTo"), this::appliesTo),
                        Tables.column(messages.get("editor.redemptions"), this::redemptions),
                        Tables.column(
                                messages.get("editor.validity"),
                                (PromoCode p) -> window(p.validFrom(), p.validUntil())),
                        Tables.column(
                                messages.get("editor.active"),
                                (PromoCode p) -> messages.get(p.active() ? "editor.yes" : "editor.no"))));

        var checks = new ValidationSupport();
        var fixedOnceSaved = form.editingProperty().isNotNull();
        var code = Forms.field("promoCode", messages.get("editor.promoCode"), form.codeProperty());
        code.setPromptText(messages.get("editor.promoCode"));
        code.disableProperty().bind(fixedOnceSaved);
        var kinds = new ToggleGroup();
        var percentKind = new RadioButton(messages.get("editor.kindPercent"));
        percentKind.setId("promoKindPercent");
        percentKind.setToggleGroup(kinds);
        var fixedKind = new RadioButton(messages.get("editor.kindFixed"));
        fixedKind.setId("promoKindFixed");
        fixedKind.setToggleGroup(kinds);
        Runnable showKind =
                () -> kinds.selectToggle(form.kindProperty().get() == PromoKind.FIXED ? fixedKind : percentKind);
        showKind.run();
        form.kindProperty().addListener((obs, old, now) -> showKind.run());
        kinds.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                form.kindProperty().set(now == fixedKind ? PromoKind.FIXED : PromoKind.PERCENT);
            }
        });
        percentKind.disableProperty().bind(fixedOnceSaved);
        fixedKind.disableProperty().bind(fixedOnceSaved);
        var percent = Forms.field("promoPercent", messages.get("editor.percent"), form.percentProperty());
        percent.setPromptText(messages.get("editor.percent"));
        percent.setPrefColumnCount(5);
        percent.disableProperty().bind(fixedOnceSaved.or(form.kindProperty().isNotEqualTo(PromoKind.PERCENT)));
        var amount = Forms.field("promoAmount", messages.get("editor.amountOff"), form.amountProperty());
        amount.setPromptText(messages.get("editor.amountOff"));
        amount.setPrefColumnCount(6);
        amount.disableProperty().bind(fixedOnceSaved.or(form.kindProperty().isNotEqualTo(PromoKind.FIXED)));
        var currency = new Label();
        currency.setId("promoCurrency");
        Runnable showCurrency = () -> currency.setText(form.currency() == null ? "" : form.currency());
        showCurrency.run();
        model.ticketTypes().addListener((ListChangeListener<TicketType>) c -> showCurrency.run());
        var limit = Forms.field(
                "promoMaxRedemptions", messages.get("editor.maxRedemptions"), form.maxRedemptionsProperty());
        limit.setPromptText(messages.get("editor.unlimited"));
        limit.setPrefColumnCount(6);
        var validFrom = moment("promoValidFrom", "editor.validFrom", form.validFrom());
        var validUntil = moment("promoValidUntil", "editor.validUntil", form.validUntil());
        var types = new FlowPane(12, 4);
        types.setId("promoTicketTypes");
        types.disableProperty().bind(fixedOnceSaved);
        Runnable showTypes = () -> types.getChildren()
                .setAll(model.ticketTypes().stream()
                        .map(type -> typeChoice(type, form))
                        .toList());
        showTypes.run();
        model.ticketTypes().addListener((ListChangeListener<TicketType>) c -> showTypes.run());

        check(checks, code, form::codeProblem, refusals, "code", "editor.promoCode");
        check(checks, percent, form::percentProblem, refusals, "percentOff", "editor.percent");
        check(checks, amount, form::amountProblem, refusals, "amountOffMinor", "editor.amountOff");
        check(checks, limit, form::maxRedemptionsProblem, refusals, "maxRedemptions", "editor.maxRedemptions");
        checkNow(
                checks,
                validFrom.time(),
                () -> form.validFromProblem(model.zone()),
                refusals,
                "validFrom",
                "editor.validFrom");
        checkNow(
                checks,
                validUntil.time(),
                () -> form.validUntilProblem(model.zone()),
                refusals,
                "validUntil",
                "editor.validUntil");
        revalidateOn(
                checks,
                refusals,
                form.kindProperty(),
                form.limitedTo(),
                model.ticketTypes(),
                model.timeZoneProperty(),
                form.validFrom().dateProperty(),
                form.validFrom().timeProperty(),
                form.validUntil().dateProperty(),
                form.validUntil().timeProperty());

        var save = new Button();
        save.setId("addPromoCode");
        save.textProperty()
                .bind(Bindings.when(fixedOnceSaved)
                        .then(messages.get("editor.savePromoCode"))
                        .otherwise(messages.get("editor.addPromoCode")));
        save.disableProperty().bind(checks.invalidProperty().or(model.busyProperty()));
        save.setOnAction(e -> model.savePromoCode());
        var fresh = new Button(messages.get("editor.newPromoCode"));
        fresh.setId("newPromoCode");
        fresh.disableProperty().bind(fixedOnceSaved.not());
        fresh.setOnAction(e -> model.newPromoCode());
        var selected = table.getSelectionModel().selectedItemProperty();
        var edit = new Button(messages.get("editor.editPromoCode"));
        edit.setId("editPromoCode");
        edit.disableProperty().bind(selected.isNull().or(model.busyProperty()));
        edit.setOnAction(e -> {
            var promo = table.getSelectionModel().getSelectedItem();
            if (promo != null) {
                model.editPromoCode(promo);
            }
        });
        var toggle = new Button(messages.get("editor.togglePromoCode"));
        toggle.setId("togglePromoCode");
        toggle.disableProperty().bind(selected.isNull().or(model.busyProperty()));
        toggle.setOnAction(e -> {
            var promo = table.getSelectionModel().getSelectedItem();
            if (promo != null) {
                // Switching off is undone by switching on again: no question asked.
                model.setPromoCodeActive(promo, !promo.active());
            }
        });

        var grid = Forms.grid();
        Forms.row(grid, messages.get("editor.promoCode"), code);
        Forms.row(
                grid, messages.get("editor.discount"), new HBox(8, percentKind, percent, fixedKind, amount, currency));
        Forms.row(grid, messages.get("editor.appliesTo"), new VBox(4, types, hint("editor.appliesToHint")));
        Forms.row(grid, messages.get("editor.maxRedemptions"), limit);
        Forms.row(grid, messages.get("editor.validFrom"), validFrom.node());
        Forms.row(grid, messages.get("editor.validUntil"), validUntil.node());
        GridPane.setHgrow(code, Priority.ALWAYS);
        var section = new VBox(
                8,
                subtitle("editor.promoCodes"),
                table,
                new HBox(8, edit, toggle),
                grid,
                problems("promoProblem", checks),
                new HBox(8, save, fresh));
        section.disableProperty().bind(model.existingProperty().not());
        return section;
    }

    /** A check box that puts the ticket type into the code's restriction, or takes it out. */
    private CheckBox typeChoice(TicketType type, PromoCodeForm form) {
        var box = new CheckBox(type.name());
        box.setId("promoFor-" + type.id());
        box.setSelected(form.limitedTo().contains(type.id()));
        form.limitedTo().addListener((SetChangeListener<UUID>)
                c -> box.setSelected(form.limitedTo().contains(type.id())));
        box.selectedProperty().addListener((obs, old, now) -> {
            if (now) {
                form.limitedTo().add(type.id());
            } else {
                form.limitedTo().remove(type.id());
            }
        });
        return box;
    }

    /** A day picker and a time field for a moment in the event's time zone. */
    private record MomentInput(Node node, DatePicker date, TextField time) {}

    private MomentInput moment(String id, String labelKey, LocalMoment moment) {
        var date = new DatePicker();
        date.setId(id + "Date");
        date.setAccessibleText(messages.get(labelKey));
        date.setPromptText(messages.get("editor.noLimit"));
        date.valueProperty().bindBidirectional(moment.dateProperty());
        var time = Forms.field(id + "Time", messages.get(labelKey), moment.timeProperty());
        time.setPromptText("0:00");
        time.setPrefColumnCount(5);
        time.setMinWidth(Region.USE_PREF_SIZE);
        var zone = new Label();
        zone.textProperty().bind(model.timeZoneProperty());
        zone.setMinWidth(Region.USE_PREF_SIZE);
        var row = new HBox(8, date, time, zone);
        row.setAlignment(Pos.CENTER_LEFT);
        return new MomentInput(row, date, time);
    }

    private String window(@Nullable Instant from, @Nullable Instant until) {
        if (from == null && until == null) {
            return "—";
        }
        var format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(messages.locale());
        var zone = model.zone();
        return (from == null ? "…" : format.format(from.atZone(zone))) + " – "
                + (until == null ? "…" : format.format(until.atZone(zone)));
    }

    private String access(TicketType type) {
        var access = type.access();
        var parts = new ArrayList<String>();
        if (access.live()) {
            parts.add(messages.format("editor.accessLive", access.replayHours()));
        }
        if (access.onDemand()) {
            parts.add(messages.format("editor.accessOnDemand", access.rentalHours()));
        }
        parts.add(messages.format("editor.accessDoors", access.doorsOpenMinutes()));
        return String.join(" · ", parts);
    }

    private String discount(PromoCode code) {
        if (code.percentOff() != null) {
            return code.percentOff() + " %";
        }
        var currency = model.promoForm().currency();
        if (code.amountOffMinor() == null) {
            return "—";
        }
        return currency == null
                ? Long.toString(code.amountOffMinor())
                : Money.format(code.amountOffMinor(), currency, messages.locale());
    }

    private String appliesTo(PromoCode code) {
        if (code.ticketTypeIds().isEmpty()) {
            return messages.get("editor.allTicketTypes");
        }
        return model.ticketTypes().stream()
                .filter(t -> code.ticketTypeIds().contains(t.id()))
                .map(TicketType::name)
                .collect(Collectors.joining(", "));
    }

    private String redemptions(PromoCode code) {
        return code.maxRedemptions() == null
                ? Integer.toString(code.redemptions())
                : messages.format("editor.redemptionsOf", code.redemptions(), code.maxRedemptions());
    }

    private Label subtitle(String key) {
        var label = new Label(messages.get(key));
        label.getStyleClass().add(Styles.SUBTITLE);
        return label;
    }

    private Label hint(String key) {
        var label = new Label(messages.get(key));
        label.setWrapText(true);
        return label;
    }

    private Label labelFor(String key, Control control) {
        var label = new Label(messages.get(key));
        label.setLabelFor(control);
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

    /** Checks the control's value with {@code rule}, then whatever the server said about {@code field}. */
    private <T> void check(
            ValidationSupport checks,
            Control control,
            Function<T, Optional<String>> rule,
            ServerRefusals refusals,
            String field,
            String labelKey) {
        Validator<T> validator =
                (Control c, T value) -> result(c, rule.apply(value).or(() -> refused(refusals, field, labelKey)));
        checks.registerValidator(control, false, validator);
    }

    /** As {@link #check} for rules that read several fields of the view-model rather than the control's value. */
    private void checkNow(
            ValidationSupport checks,
            Control control,
            Supplier<Optional<String>> rule,
            ServerRefusals refusals,
            String field,
            String labelKey) {
        Validator<Object> validator =
                (Control c, Object value) -> result(c, rule.get().or(() -> refused(refusals, field, labelKey)));
        checks.registerValidator(control, false, validator);
    }

    private Optional<String> refused(ServerRefusals refusals, String field, String labelKey) {
        return refusals.of(field).map(said -> messages.format("editor.refused", messages.get(labelKey), said));
    }

    private static ValidationResult result(Control control, Optional<String> problem) {
        return ValidationResult.fromErrorIf(control, problem.orElse(""), problem.isPresent());
    }

    /** Checks the form again when the server refuses or forgets, or when a value other rules depend on changes. */
    private static void revalidateOn(ValidationSupport checks, ServerRefusals refusals, Observable... others) {
        refusals.byField().addListener((MapChangeListener<String, String>) c -> checks.revalidate());
        for (var other : others) {
            if (other instanceof ObservableValue<?> value) {
                // A change listener: an invalidation listener would hear nothing until the value is read again.
                value.addListener((obs, old, now) -> checks.revalidate());
            } else {
                other.addListener(o -> checks.revalidate());
            }
        }
    }
}
