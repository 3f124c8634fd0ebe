package io.stagedoor.server.config;

import java.time.Duration;
import java.util.Optional;

/**
 * @param testProviderEnabled whether the simulated card is offered; never beside a live provider (see
 *     {@link #conflict()})
 * @param stripe Stripe Checkout, when configured
 * @param hold how long an unpaid order keeps its seats
 * @param limits how often buyers may buy and ask for prices
 */
public record PaymentsConfig(
        boolean testProviderEnabled, Optional<StripeConfig> stripe, Duration hold, CheckoutLimitsConfig limits) {

    /** Why the test card cannot run beside Stripe, and what to do; every start-up refusal says the same. */
    public static final String TEST_CARD_BESIDE_STRIPE = "payments.test.enabled=true and payments.stripe.secret-key"
            + " cannot be set together: the test card gives paid tickets away for nothing, and any buyer could pick it"
            + " on a server that takes real money. Set payments.test.enabled=false on a server that sells real tickets"
            + " (the default), or leave payments.stripe.secret-key empty on a demo or local server.";

    /** The problem with these settings taken together, if any: the message of {@link #TEST_CARD_BESIDE_STRIPE}. */
    public Optional<String> conflict() {
        return testProviderEnabled && stripe.isPresent() ? Optional.of(TEST_CARD_BESIDE_STRIPE) : Optional.empty();
    }

    public PaymentsConfig withTestProvider(boolean enabled) {
        return new PaymentsConfig(enabled, stripe, hold, limits);
    }

    public PaymentsConfig withLimits(CheckoutLimitsConfig newLimits) {
        return new PaymentsConfig(testProviderEnabled, stripe, hold, newLimits);
    }
}
