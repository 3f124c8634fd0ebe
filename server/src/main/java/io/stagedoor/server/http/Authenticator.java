package io.stagedoor.server.http;

import io.stagedoor.server.accounts.Caller;
import java.util.Optional;

/** Turns a bearer token into the caller it belongs to, if the token is valid now. */
@FunctionalInterface
public interface Authenticator {

    Optional<Caller> authenticate(String bearerToken);
}
