package io.stagedoor.client;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/** The session token of a signed-in client, sent with every request while it is set. */
final class BearerToken implements Interceptor {

    private final AtomicReference<@Nullable String> token;

    BearerToken(@Nullable String initial) {
        this.token = new AtomicReference<>(initial);
    }

    void set(@Nullable String value) {
        token.set(value);
    }

    @Nullable String get() {
        return token.get();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        var current = token.get();
        var request = chain.request();
        if (current == null || request.header("Authorization") != null) {
            return chain.proceed(request);
        }
        return chain.proceed(request.newBuilder()
                .header("Authorization", "Bearer " + current)
                .build());
    }
}
