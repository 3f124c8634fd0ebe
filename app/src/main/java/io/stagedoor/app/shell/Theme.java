package io.stagedoor.app.shell;

import java.util.List;

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

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }
}
