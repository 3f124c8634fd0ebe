package io.stagedoor.server.config;

import java.time.Duration;
import java.util.Optional;

/**
 * @param testProviderEnabled whether the simulated card provider is offered
 * @param stripe Stripe Checkout, when configured
 * @param hold how long an unpaid order keeps its seats
 */
public record PaymentsConfig(boolean testProviderEnabled, Optional<StripeConfig> stripe, Duration hold) {}
