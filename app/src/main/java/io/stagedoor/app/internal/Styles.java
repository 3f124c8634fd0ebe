package io.stagedoor.app.internal;

/** Style classes of {@code studio.css}; colours live in the stylesheet's variables, never in code. */
public final class Styles {

    public static final String STYLESHEET = "/io/stagedoor/app/studio.css";

    public static final String TITLE = "sd-title";
    public static final String FIELD_LABEL = "sd-field-label";
    public static final String STATUS = "sd-status";
    public static final String STATUS_OK = "sd-status-ok";
    public static final String STATUS_BUSY = "sd-status-busy";
    public static final String STATUS_ERROR = "sd-status-error";
    public static final String STATUS_BAR = "sd-status-bar";
    public static final String CARD = "sd-card";

    private Styles() {}
}
