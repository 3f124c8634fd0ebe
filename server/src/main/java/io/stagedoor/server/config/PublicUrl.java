package io.stagedoor.server.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The address buyers and viewers reach this server at, for links in e-mails and payment pages: the configured
 * {@code public.url}, or else the server's own address once it listens.
 */
public final class PublicUrl {

    private final Optional<URI> configured;
    private final AtomicReference<@Nullable URI> listening = new AtomicReference<>();

    public PublicUrl(Optional<URI> configured) {
        this.configured = configured;
    }

    /** Called once the HTTP listener knows its address. */
    public void listeningAt(URI address) {
        listening.set(address);
    }

    /** The base, ending in {@code /}. */
    public URI base() {
        return configured.orElseGet(() -> Objects.requireNonNull(listening.get(), "the server is not listening yet"));
    }

    /** An absolute link to {@code path} (without a leading slash), e.g. {@code t/<secret>}. */
    public URI resolve(String path) {
        return base().resolve(path);
    }
}
