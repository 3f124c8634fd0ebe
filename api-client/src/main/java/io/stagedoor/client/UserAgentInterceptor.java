package io.stagedoor.client;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Names this client in every request, so server logs can tell studio versions apart. */
final class UserAgentInterceptor implements Interceptor {

    private final String userAgent;

    UserAgentInterceptor(String userAgent) {
        this.userAgent = userAgent;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        return chain.proceed(
                chain.request().newBuilder().header("User-Agent", userAgent).build());
    }
}
