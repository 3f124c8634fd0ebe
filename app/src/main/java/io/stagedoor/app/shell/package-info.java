/**
 * The main window after sign-in: navigation between screens, the top bar (server, organiser, theme), and the seam
 * through which screens plug in ({@link io.stagedoor.app.shell.Screen}, {@link io.stagedoor.app.shell.Workspace}).
 */
@NullMarked
package io.stagedoor.app.shell;

import org.jspecify.annotations.NullMarked;
