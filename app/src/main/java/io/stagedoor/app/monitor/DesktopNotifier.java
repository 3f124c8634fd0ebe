package io.stagedoor.app.monitor;

import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the technician about an alert outside the window, where the desktop allows it. */
@FunctionalInterface
public interface DesktopNotifier {

    /**
     * Shows a notification; returns at once.
     *
     * @return whether the desktop took it; if not, the caller shows it in the window instead
     */
    boolean notify(String title, String message);

    /** Lets go of what the notifier holds (a bus connection, a tray icon), which could keep the process alive. */
    default void close() {}

    /** Never shows anything: the monitor falls back to its in-window banner. */
    static DesktopNotifier none() {
        return (title, message) -> false;
    }

    /**
     * What this desktop offers: on Linux the freedesktop.org notification service on the session bus (GNOME, KDE,
     * Xfce, dunst…), elsewhere, or where there is none, the system tray's messages, else {@link #none()}.
     */
    static DesktopNotifier forThisDesktop(Executor background, String appName) {
        var tray = systemTray(background, appName);
        if (!System.getProperty("os.name", "")
                .toLowerCase(java.util.Locale.ROOT)
                .contains("linux")) {
            return tray;
        }
        return new FreedesktopNotifier(background, appName, tray);
    }

    /**
     * The system tray's balloon messages (JavaFX has no notifications) when the platform has a tray, otherwise
     * {@link #none()}. AWT work runs on {@code background}, never on the FX thread.
     */
    static DesktopNotifier systemTray(Executor background, String iconTooltip) {
        if (GraphicsEnvironment.isHeadless() || !SystemTray.isSupported()) {
            return none();
        }
        return new TrayNotifier(background, iconTooltip);
    }

    /** One tray icon for the app's life, added on the first notification. */
    final class TrayNotifier implements DesktopNotifier {
        private static final Logger log = LoggerFactory.getLogger(TrayNotifier.class);
        private final Executor background;
        private final String iconTooltip;
        private @Nullable TrayIcon icon;

        TrayNotifier(Executor background, String iconTooltip) {
            this.background = background;
            this.iconTooltip = iconTooltip;
        }

        @Override
        public boolean notify(String title, String message) {
            background.execute(() -> show(title, message));
            return true;
        }

        private synchronized void show(String title, String message) {
            try {
                if (icon == null) {
                    var image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
                    var g = image.createGraphics();
                    g.setColor(new java.awt.Color(0xC6, 0x28, 0x28));
                    g.fillOval(1, 1, 14, 14);
                    g.dispose();
                    var created = new TrayIcon(image, iconTooltip);
                    created.setImageAutoSize(true);
                    SystemTray.getSystemTray().add(created);
                    icon = created;
                }
                icon.displayMessage(title, message, TrayIcon.MessageType.WARNING);
            } catch (AWTException | RuntimeException e) {
                log.warn("The desktop notification could not be shown: {}", e.toString());
            }
        }

        @Override
        public void close() {
            background.execute(this::removeIcon);
        }

        private synchronized void removeIcon() {
            if (icon != null) {
                SystemTray.getSystemTray().remove(icon);
                icon = null;
            }
        }
    }
}
