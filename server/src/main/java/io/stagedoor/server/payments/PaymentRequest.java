package io.stagedoor.server.payments;

import io.stagedoor.api.sales.QuoteLine;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a provider needs to take payment for an order waiting for it.
 *
 * @param returnUrl where a redirecting provider sends the buyer after paying
 * @param cancelUrl where it sends a buyer who gives up
 * @param testCardNumber for the simulated card provider only
 */
public record PaymentRequest(
        UUID orderId,
        String reference,
        String eventTitle,
        String currency,
        List<QuoteLine> lines,
        long totalMinor,
        String buyerEmail,
        URI returnUrl,
        URI cancelUrl,
        @Nullable String testCardNumber) {}
