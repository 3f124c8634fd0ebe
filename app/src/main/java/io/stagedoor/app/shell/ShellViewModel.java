package io.stagedoor.app.shell;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The main window's state: which screen is in front and which theme is on. Screens are created once and told when
 * they come into view and leave it.
 */
public final class ShellViewModel {

    private final List<Screen> screens;
    private final ReadOnlyIntegerWrapper current = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<Theme> theme;
    private final Consumer<Theme> themeChosen;
    private final Runnable signOut;

    /**
     * @param themeChosen remembers the organiser's choice for the next start
     * @param signOut ends the session and returns to the start screen
     */
    public ShellViewModel(List<Screen> screens, Theme theme, Consumer<Theme> themeChosen, Runnable signOut) {
        if (screens.isEmpty()) {
            throw new IllegalArgumentException("the workspace needs at least one screen");
        }
        this.screens = List.copyOf(screens);
        this.theme = new ReadOnlyObjectWrapper<>(theme);
        this.themeChosen = themeChosen;
        this.signOut = signOut;
    }

    public List<Screen> screens() {
        return screens;
    }

    /** The index of the screen in front, or -1 before the first is shown. */
    public ReadOnlyIntegerProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    /** Brings the screen at {@code index} to the front; the one that leaves is told first. */
    public void showScreen(int index) {
        if (index < 0 || index >= screens.size() || index == current.get()) {
            return;
        }
        if (current.get() >= 0) {
            screens.get(current.get()).hidden();
        }
        current.set(index);
        screens.get(index).shown();
    }

    public void toggleTheme() {
        theme.set(theme.get().other());
        themeChosen.accept(theme.get());
    }

    public void signOut() {
        close();
        signOut.run();
    }

    /** Hides the screen in front, so it stops whatever it follows. */
    public void close() {
        if (current.get() >= 0) {
            screens.get(current.get()).hidden();
            current.set(-1);
        }
    }
}
