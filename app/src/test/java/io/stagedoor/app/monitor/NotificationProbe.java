package io.stagedoor.app.monitor;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Sends one alert through {@link DesktopNotifier#forThisDesktop} in a process of its own, so that a test can give it
 * a desktop session (a D-Bus bus, a notification daemon) its own process does not have. Prints what happened, one
 * {@code key=value} per line, and must then end by itself: the notifier lets go of everything when closed.
 *
 * <p>Arguments: the notification's title and message.
 */
public final class NotificationProbe {

    private NotificationProbe() {}

    public static void main(String[] args) throws Exception {
        var background = Executors.newSingleThreadExecutor();
        var notifier = DesktopNotifier.forThisDesktop(background, "Stagedoor Studio");
        var bus = (FreedesktopNotifier) notifier;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!bus.settled() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        System.out.println("connected=" + bus.connected());
        System.out.println("taken=" + notifier.notify(args[0], args[1]));
        background.submit(() -> {}).get(10, TimeUnit.SECONDS);
        notifier.close();
        background.shutdown();
        System.out.println("done=" + background.awaitTermination(10, TimeUnit.SECONDS));
    }
}
