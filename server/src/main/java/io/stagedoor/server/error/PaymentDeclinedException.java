package io.stagedoor.server.error;

import java.util.List;

/** The payment provider refused the payment; nothing was sold. */
public final class PaymentDeclinedException extends ApiException {

    public PaymentDeclinedException(String detail) {
        super(402, "payment-declined", "Payment declined", detail, List.of());
    }
}
