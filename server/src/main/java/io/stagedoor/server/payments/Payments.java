package io.stagedoor.server.payments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The payment providers this server offers, by the name buyers choose them with. */
public final class Payments {

    private final Map<String, PaymentProvider> providers = new LinkedHashMap<>();

    public Payments(List<PaymentProvider> enabled) {
        enabled.forEach(provider -> providers.put(provider.id(), provider));
    }

    public Optional<PaymentProvider> provider(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    public List<String> ids() {
        return List.copyOf(providers.keySet());
    }
}
