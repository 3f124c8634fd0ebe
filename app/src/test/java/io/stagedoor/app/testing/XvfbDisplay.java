package io.stagedoor.app.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A virtual X display (Debian's Xvfb) for tests that open a real window through GTK, as a user's desktop would.
 * The display number is chosen by Xvfb itself, so tests can run side by side.
 */
public final class XvfbDisplay implements AutoCloseable {

    private final Process xvfb;
    private final String display;

    private XvfbDisplay(Process xvfb, String display) {
        this.xvfb = xvfb;
        this.display = display;
    }

    public static XvfbDisplay start() {
        Process process;
        try {
            process = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot start Xvfb. Install Debian's xvfb package (./stagedoor test does): " + e.getMessage(), e);
        }
        try {
            var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            var number = reader.readLine();
            if (number == null || !number.strip().matches("\\d+")) {
                process.destroyForcibly();
                throw new IllegalStateException("Xvfb did not report a display number (got " + number + ")");
            }
            return new XvfbDisplay(process, ":" + number.strip());
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException(e);
        }
    }

    /** The value for {@code DISPLAY}, e.g. {@code :99}. */
    public String display() {
        return display;
    }

    /** The environment a program needs to draw on this display. */
    public Map<String, String> environment() {
        return Map.of("DISPLAY", display);
    }

    @Override
    public void close() {
        xvfb.destroy();
        try {
            if (!xvfb.waitFor(5, TimeUnit.SECONDS)) {
                xvfb.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            xvfb.destroyForcibly();
        }
    }
}
