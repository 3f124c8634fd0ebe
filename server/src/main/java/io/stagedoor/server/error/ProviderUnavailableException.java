package io.stagedoor.server.error;

import java.util.List;

/** A service the server depends on (the payment provider) did not answer usefully; retrying later may work. */
public final class ProviderUnavailableException extends ApiException {

    public ProviderUnavailableException(String detail, Throwable cause) {
        super(502, "provider-unavailable", "Bad Gateway", detail, List.of());
        initCause(cause);
    }
}
