package io.stagedoor.app.internal;

/** Style classes of {@code studio.css}; colours live in the stylesheet's variables, never in code. */
public final class Styles {

    public static final String STYLESHEET = "/io/stagedoor/app/studio.css";

    public static final String TITLE = "sd-title";
    public static final String SUBTITLE = "sd-subtitle";
    public static final String FIELD_LABEL = "sd-field-label";
    public static final String STATUS = "sd-status";
    public static final String STATUS_OK = "sd-status-ok";
    public static final String STATUS_BUSY = "sd-status-busy";
    public static final String STATUS_ERROR = "sd-status-error";
    public static final String STATUS_BAR = "sd-status-bar";
    public static final String CARD = "sd-card";
    public static final String MESSAGE = "sd-message";
    public static final String START = "sd-start";
    public static final String SHELL = "sd-shell";
    public static final String SHELL_CONTENT = "sd-shell-content";
    public static final String TOP_BAR = "sd-top-bar";
    public static final String TOP_BAR_TITLE = "sd-top-bar-title";
    public static final String NAVIGATION = "sd-navigation";
    public static final String NAVIGATION_ITEM = "sd-navigation-item";
    public static final String FIGURE = "sd-figure";
    public static final String FIGURE_VALUE = "sd-figure-value";
    public static final String SECRET = "sd-secret";
    public static final String DANGER = "sd-danger";

    private Styles() {}
}
