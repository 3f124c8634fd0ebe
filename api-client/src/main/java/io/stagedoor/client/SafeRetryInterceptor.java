package io.stagedoor.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Retries calls that are safe to repeat: idempotent methods, and any request carrying an
 * {@code Idempotency-Key} (the server answers a repeat with the first result). A POST without a key is never
 * retried, so a lost response cannot turn into a second order.
 */
final class SafeRetryInterceptor implements Interceptor {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    private final int maxRetries;
    private final Duration backoff;

    SafeRetryInterceptor(int maxRetries, Duration backoff) {
        this.maxRetries = maxRetries;
        this.backoff = backoff;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        var request = chain.request();
        if (!isSafeToRepeat(request)) {
            return chain.proceed(request);
        }
        for (int attempt = 0; ; attempt++) {
            boolean lastAttempt = attempt >= maxRetries;
            Response response;
            try {
                response = chain.proceed(request);
            } catch (InterruptedIOException e) {
                // A timeout already spent the caller's patience; an interrupted thread wants to stop.
                throw e;
            } catch (IOException e) {
                if (lastAttempt || chain.call().isCanceled()) {
                    throw e;
                }
                pause(attempt);
                continue;
            }
            if (lastAttempt || !isTransient(response)) {
                return response;
            }
            response.close();
            pause(attempt);
        }
    }

    private static boolean isSafeToRepeat(Request request) {
        return IDEMPOTENT_METHODS.contains(request.method()) || request.header(IDEMPOTENCY_KEY) != null;
    }

    private static boolean isTransient(Response response) {
        return switch (response.code()) {
            case 502, 504 -> true;
            case 503 -> response.header("Retry-After") != null;
            default -> false;
        };
    }

    private void pause(int attempt) throws InterruptedIOException {
        try {
            Thread.sleep(backoff.toMillis() << Math.min(attempt, 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting to retry");
        }
    }
}
