package io.stagedoor.server.payments;

import io.stagedoor.server.error.InputCheck;
import io.stagedoor.server.error.PaymentDeclinedException;
import io.stagedoor.server.secrets.Tokens;
import org.jspecify.annotations.Nullable;

/**
 * A simulated card for demos and tests: no money moves. It uses Stripe's well-known test numbers, so that a demo
 * reads like the real thing: 4242 4242 4242 4242 is paid at once, 4000 0000 0000 0002 is declined.
 */
public final class TestCardProvider implements PaymentProvider {

    public static final String ID = "test";
    static final String PAID_CARD = "4242424242424242";
    static final String DECLINED_CARD = "4000000000000002";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void checkChoice(@Nullable String testCardNumber, InputCheck check) {
        var card = normalised(testCardNumber);
        check.require(
                card.equals(PAID_CARD) || card.equals(DECLINED_CARD),
                "payment.testCardNumber",
                "must be a test card: 4242 4242 4242 4242 (paid) or 4000 0000 0000 0002 (declined)");
    }

    @Override
    public PaymentStart start(PaymentRequest request) {
        var card = normalised(request.testCardNumber());
        if (!card.equals(PAID_CARD)) {
            throw new PaymentDeclinedException("The card was declined (test card 4000 0000 0000 0002). Nothing was"
                    + " charged and the seats were released.");
        }
        return new PaymentStart.Paid("test_" + Tokens.newSecret().substring(0, 24));
    }

    private static String normalised(@Nullable String cardNumber) {
        return cardNumber == null ? "" : cardNumber.replaceAll("[\\s-]", "");
    }

    @Override
    public void refund(String paymentId, long amountMinor, String currency, String idempotencyKey) {
        // Nothing was charged, so nothing needs to go back.
    }
}
