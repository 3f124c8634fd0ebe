package io.stagedoor.app.monitor;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications through the freedesktop.org notification service on the session bus: what GNOME, KDE, Xfce and
 * notification daemons such as dunst show. Until the bus has answered, and where it has no such service, the
 * {@code otherwise} notifier is used.
 */
final class FreedesktopNotifier implements DesktopNotifier {

    static final String SERVICE = "org.freedesktop.Notifications";
    private static final String PATH = "/org/freedesktop/Notifications";
    /** The specification's "critical" urgency: stays until the user dismisses it. */
    private static final byte CRITICAL = 2;

    private static final Logger log = LoggerFactory.getLogger(FreedesktopNotifier.class);

    /** The service's one method this class calls, as the specification names it. */
    @DBusInterfaceName(SERVICE)
    public interface Notifications extends DBusInterface {
        @SuppressWarnings("checkstyle:MethodName")
        UInt32 Notify(
                String appName,
                UInt32 replacesId,
                String appIcon,
                String summary,
                String body,
                List<String> actions,
                Map<String, Variant<?>> hints,
                int expireTimeout);
    }

    private final Executor background;
    private final String appName;
    private final DesktopNotifier otherwise;
    private volatile @Nullable DBusConnection connection;
    private volatile @Nullable Notifications service;
    private volatile boolean closed;
    private volatile boolean settled;

    FreedesktopNotifier(Executor background, String appName, DesktopNotifier otherwise) {
        this.background = background;
        this.appName = appName;
        this.otherwise = otherwise;
        background.execute(this::connect);
    }

    /** Whether notifications go to the session bus's notification service. */
    boolean connected() {
        return service != null;
    }

    /** Whether the bus has answered, one way or the other. */
    boolean settled() {
        return settled;
    }

    private void connect() {
        DBusConnection bus = null;
        try {
            bus = DBusConnectionBuilder.forSessionBus().withShared(false).build();
            var daemon = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            if (!daemon.NameHasOwner(SERVICE)
                    && !Arrays.asList(daemon.ListActivatableNames()).contains(SERVICE)) {
                log.info("The desktop session has no notification service; alerts show in the window");
                bus.close();
                return;
            }
            var found = bus.getRemoteObject(SERVICE, PATH, Notifications.class);
            synchronized (this) {
                if (closed) {
                    bus.close();
                    return;
                }
                connection = bus;
                service = found;
            }
            log.info("Alerts are shown as desktop notifications ({})", SERVICE);
        } catch (DBusException | IOException | RuntimeException e) {
            log.info("No desktop notifications over D-Bus: {}", e.toString());
            if (bus != null) {
                bus.disconnect();
            }
        } finally {
            settled = true;
        }
    }

    @Override
    public boolean notify(String title, String message) {
        var target = service;
        if (target == null) {
            return otherwise.notify(title, message);
        }
        background.execute(() -> send(target, title, message));
        return true;
    }

    private void send(Notifications target, String title, String message) {
        try {
            target.Notify(
                    appName,
                    new UInt32(0),
                    "dialog-warning",
                    title,
                    message,
                    List.of(),
                    Map.of("urgency", new Variant<>(CRITICAL)),
                    -1);
        } catch (RuntimeException e) {
            log.warn("The desktop notification could not be shown: {}", e.toString());
        }
    }

    @Override
    public void close() {
        DBusConnection bus;
        synchronized (this) {
            closed = true;
            bus = connection;
            connection = null;
            service = null;
        }
        otherwise.close();
        if (bus != null) {
            // Its threads would otherwise keep the process alive; a local socket closes at once.
            try {
                bus.close();
            } catch (IOException | RuntimeException e) {
                log.debug("The session bus connection did not close cleanly: {}", e.toString());
            }
        }
    }
}
