package io.stagedoor.server.testing;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Debian's headless Chromium driven by Playwright, for tests that need a real browser (the player):
 *
 * <pre>{@code
 * try (var browser = Browser.launch()) {
 *     var page = browser.open(url);
 *     browser.screenshot(page, "player-playing");
 * }
 * }</pre>
 *
 * Playwright never downloads a browser here: its browser installation is skipped, and it launches the distribution's
 * {@code /usr/bin/chromium} (or the one named by {@code -Dstagedoor.test.chromium}). Screenshots go to
 * {@code target/screenshots/}; everything a page logs to its console, and every script error, is kept for the test's
 * messages.
 */
public final class Browser implements AutoCloseable {

    /** Where Debian's package {@code chromium} puts the browser. */
    public static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** No sandbox (tests run as root in containers), no GPU, and none of the browser's own calls home. */
    private static final List<String> FLAGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;
    private final List<String> console = new CopyOnWriteArrayList<>();

    private Browser(Playwright playwright, com.microsoft.playwright.Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /**
     * Starts headless Chromium.
     *
     * @throws IllegalStateException when there is no Chromium to start, saying how to install it
     */
    public static Browser launch() {
        var executable = Path.of(System.getProperty("stagedoor.test.chromium", DEBIAN_CHROMIUM.toString()));
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("The browser tests need Debian's Chromium at " + executable
                    + ", and it is not there. Install it with: sudo apt-get install -y chromium"
                    + " (./stagedoor test installs it), or name another with -Dstagedoor.test.chromium=<path>.");
        }
        var playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            var browser = playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(executable)
                            .setHeadless(true)
                            .setArgs(FLAGS));
            return new Browser(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** Opens {@code url} in a new 1280×800 page, once its HTML has loaded. */
    public Page open(String url) {
        var page = browser.newPage(new com.microsoft.playwright.Browser.NewPageOptions().setViewportSize(1280, 800));
        page.onConsoleMessage(message -> console.add(message.type() + ": " + message.text()));
        page.onPageError(error -> console.add("page error: " + error));
        page.navigate(url);
        return page;
    }

    /** Saves what {@code page} shows as {@code target/screenshots/<name>.png} and returns that file. */
    public Path screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var file = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file));
        return file;
    }

    /** Every console message and script error of the pages opened so far, oldest first. */
    public List<String> console() {
        return new ArrayList<>(console);
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
