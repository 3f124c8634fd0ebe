package io.stagedoor.server.payments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The payment providers this server offers, by the name buyers choose them with. */
public final class Payments {

    /** Refunds test card payments also after the test card was turned off: they moved no money. */
    private static final PaymentProvider TEST_CARD_REFUNDS = new TestCardProvider();

    private final Map<String, PaymentProvider> providers = new LinkedHashMap<>();

    public Payments(List<PaymentProvider> enabled) {
        enabled.forEach(provider -> providers.put(provider.id(), provider));
    }

    public Optional<PaymentProvider> provider(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    /**
     * The provider that gives back payments made with {@code id}: the one offered, or, for the test card, one that
     * does so by doing nothing, as its payments moved no money.
     */
    public Optional<PaymentProvider> refunder(String id) {
        return provider(id)
                .or(() -> id.equals(TestCardProvider.ID) ? Optional.of(TEST_CARD_REFUNDS) : Optional.empty());
    }

    public List<String> ids() {
        return List.copyOf(providers.keySet());
    }
}
