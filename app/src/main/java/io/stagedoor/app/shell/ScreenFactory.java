package io.stagedoor.app.shell;

/** Builds a screen for a signed-in workspace; registered in {@code StudioApplication}. */
@FunctionalInterface
public interface ScreenFactory {

    Screen create(Workspace workspace);
}
