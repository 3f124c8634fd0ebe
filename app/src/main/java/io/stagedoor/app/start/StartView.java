package io.stagedoor.app.start;

import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.internal.Startup;
import io.stagedoor.app.internal.Styles;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The start screen: a card that shows one step of {@link StartViewModel} at a time. */
public final class StartView {

    private final StartViewModel model;
    private final Messages messages;
    private final StackPane root = new StackPane();
    private final VBox card = new VBox(12);
    private final StackPane stepPane = new StackPane();

    public StartView(StartViewModel model, Messages messages) {
        this.model = model;
        this.messages = messages;
        var message = new Label();
        message.setId("startMessage");
        message.setWrapText(true);
        message.getStyleClass().addAll(Styles.STATUS, Styles.STATUS_ERROR);
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(model.messageProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());

        var progress = new ProgressIndicator();
        progress.setId("startBusy");
        progress.setPrefSize(24, 24);
        progress.visibleProperty().bind(model.busyProperty());

        card.getChildren().addAll(stepPane, message, progress);
        card.getStyleClass().add(Styles.CARD);
        card.setMaxWidth(460);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        card.setPadding(new Insets(24));
        root.getChildren().add(card);
        root.setPadding(new Insets(24));
        root.getStyleClass().add(Styles.START);
        model.stepProperty().addListener((obs, old, step) -> show(step));
        show(model.stepProperty().get());
    }

    public Parent root() {
        return root;
    }

    private void show(StartStep step) {
        Node content = switch (step) {
            case RESUMING -> resuming();
            case SIGN_IN -> signIn();
            case CREATE_ACCOUNT -> createAccount();
            case SAMPLE_EVENT -> sampleEvent();
            case VIEWER_PAGE -> viewerPage();
        };
        stepPane.getChildren().setAll(content);
        if (step != StartStep.RESUMING) {
            Startup.reached("start screen interactive");
        }
    }

    private Node resuming() {
        return column(title("start.resuming"));
    }

    private Node signIn() {
        var servers = new ToggleGroup();
        var local = new RadioButton(messages.get("start.localServer"));
        local.setId("useLocalServer");
        local.setToggleGroup(servers);
        local.setDisable(!model.localServerAvailable());
        var other = new RadioButton(messages.get("start.otherServer"));
        other.setId("useOtherServer");
        other.setToggleGroup(servers);
        (model.useLocalServerProperty().get() ? local : other).setSelected(true);
        local.selectedProperty()
                .addListener((obs, was, now) -> model.useLocalServerProperty().set(now));

        var address = new ComboBox<String>(model.recentServers());
        address.setId("serverAddress");
        address.setEditable(true);
        address.setMaxWidth(Double.MAX_VALUE);
        address.setPromptText("https://tickets.example.org");
        address.getEditor().textProperty().bindBidirectional(model.serverUrlProperty());
        address.disableProperty().bind(local.selectedProperty());

        var email = field("email", "start.email", model.emailProperty());
        var password = password("password", model.passwordProperty());
        password.setOnAction(e -> model.signIn());
        var signIn = primary("signIn", "start.signIn");
        signIn.setOnAction(e -> model.signIn());
        var create = new Hyperlink(messages.get("start.createAccountLink"));
        create.setId("showCreateAccount");
        create.setOnAction(e -> model.showCreateAccount());
        return column(
                title("start.signInTitle"),
                local,
                other,
                address,
                label("start.email", email),
                email,
                label("start.password", password),
                password,
                new HBox(12, signIn, create));
    }

    private Node createAccount() {
        var firstRun =
                model.localServerAvailable() && model.useLocalServerProperty().get();
        var name = field("name", "start.name", model.nameProperty());
        var email = field("newEmail", "start.email", model.emailProperty());
        var password = password("newPassword", model.passwordProperty());
        password.setOnAction(e -> model.createAccount());
        var create = primary("createAccount", "start.createAccount");
        create.setOnAction(e -> model.createAccount());
        var back = new Hyperlink(messages.get("start.haveAccount"));
        back.setId("showSignIn");
        back.setOnAction(e -> model.showSignIn());
        var form = column(
                title(firstRun ? "firstRun.welcome" : "start.createAccountTitle"),
                text(firstRun ? "firstRun.accountText" : "start.createAccountText"),
                label("start.name", name),
                name,
                label("start.email", email),
                email,
                label("start.password", password),
                password);
        if (!firstRun) {
            // Servers that take accounts by invitation, or approve them, take the administrator's code here.
            var invitation = field("invitationCode", "start.invitationCode", model.invitationCodeProperty());
            invitation.setPromptText(messages.get("start.invitationPrompt"));
            invitation.setOnAction(e -> model.createAccount());
            form.getChildren().addAll(label("start.invitationCode", invitation), invitation);
        }
        form.getChildren().add(new HBox(12, create, back));
        return form;
    }

    private Node sampleEvent() {
        var title = field("sampleTitle", "firstRun.sampleTitleLabel", model.sampleTitleProperty());
        title.setOnAction(e -> model.createSampleEvent());
        var create = primary("createSampleEvent", "firstRun.createSample");
        create.setOnAction(e -> model.createSampleEvent());
        var skip = new Button(messages.get("firstRun.skip"));
        skip.setId("skipSampleEvent");
        skip.setOnAction(e -> model.finishFirstRun());
        return column(
                title("firstRun.sampleHeading"),
                text("firstRun.sampleText"),
                label("firstRun.sampleTitleLabel", title),
                title,
                new HBox(12, create, skip));
    }

    private Node viewerPage() {
        var url = new TextField();
        url.setId("viewerPageUrl");
        url.setEditable(false);
        url.textProperty().bind(model.viewerPageUrlProperty());
        var open = new Button(messages.get("firstRun.openViewerPage"));
        open.setId("openViewerPage");
        open.setOnAction(e -> model.openViewerPage());
        var go = primary("enterWorkspace", "firstRun.enterWorkspace");
        go.setOnAction(e -> model.finishFirstRun());
        return column(title("firstRun.viewerHeading"), text("firstRun.viewerText"), url, new HBox(12, open, go));
    }

    private VBox column(Node... children) {
        var box = new VBox(8, children);
        box.setAlignment(Pos.TOP_LEFT);
        return box;
    }

    private Label title(String key) {
        var label = new Label(messages.get(key));
        label.getStyleClass().add(Styles.TITLE);
        label.setWrapText(true);
        return label;
    }

    private Label text(String key) {
        var label = new Label(messages.get(key));
        label.setWrapText(true);
        return label;
    }

    private Label label(String key, Node field) {
        var label = new Label(messages.get(key));
        label.getStyleClass().add(Styles.FIELD_LABEL);
        label.setLabelFor(field);
        return label;
    }

    private TextField field(String id, String key, StringProperty value) {
        var field = new TextField();
        field.setId(id);
        field.setAccessibleText(messages.get(key));
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private PasswordField password(String id, StringProperty value) {
        var field = new PasswordField();
        field.setId(id);
        field.setAccessibleText(messages.get("start.password"));
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private Button primary(String id, String key) {
        var button = new Button(messages.get(key));
        button.setId(id);
        button.setDefaultButton(true);
        button.disableProperty().bind(model.busyProperty());
        return button;
    }
}
