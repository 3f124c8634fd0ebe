package io.stagedoor.app.shell;

import java.util.List;
import java.util.Objects;
import javafx.scene.Scene;

/** Light or dark: the dark theme is the light stylesheet with a second one on top that redefines its colours. */
public enum Theme {
    LIGHT(List.of("/io/stagedoor/app/studio.css")),
    DARK(List.of("/io/stagedoor/app/studio.css", "/io/stagedoor/app/studio-dark.css"));

    private final List<String> stylesheets;

    Theme(List<String> stylesheets) {
        this.stylesheets = stylesheets;
    }

    /** Class-path resources, in the order they go on the scene. */
    public List<String> stylesheets() {
        return stylesheets;
    }

    /**
     * Puts this theme on {@code scene}: its stylesheets, and a {@code dark} class on the root that the stylesheets of
     * other features' screens (broadcast, monitor) follow.
     */
    public void applyTo(Scene scene) {
        scene.getStylesheets()
                .setAll(stylesheets.stream()
                        .map(path -> Objects.requireNonNull(Theme.class.getResource(path), path)
                                .toExternalForm())
                        .toList());
        var classes = scene.getRoot().getStyleClass();
        classes.remove("dark");
        if (this == DARK) {
            classes.add("dark");
        }
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }
}
