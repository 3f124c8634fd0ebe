package io.stagedoor.app.shell;

import javafx.scene.Node;

/**
 * One screen of the workspace behind an entry of the navigation (Events, Broadcast, Monitor). The shell creates it
 * once, after sign-in, through a {@link ScreenFactory}, and tells it when it comes into view and when it leaves, so
 * that it subscribes to updates only while visible.
 */
public interface Screen {

    /** The screen's content; the same node every time. */
    Node root();

    /** The key of the screen's name in the resource bundle the workspace carries, e.g. {@code nav.events}. */
    String titleKey();

    /** Now in view: start refreshing, subscribe. Called on the FX thread. */
    void shown();

    /** Out of view, or the workspace is closing: stop refreshing, unsubscribe. Called on the FX thread. */
    void hidden();

    /** A screen made of a node and what to do as it comes into view and leaves it. */
    static Screen of(Node root, String titleKey, Runnable shown, Runnable hidden) {
        return new Screen() {
            @Override
            public Node root() {
                return root;
            }

            @Override
            public String titleKey() {
                return titleKey;
            }

            @Override
            public void shown() {
                shown.run();
            }

            @Override
            public void hidden() {
                hidden.run();
            }
        };
    }
}
