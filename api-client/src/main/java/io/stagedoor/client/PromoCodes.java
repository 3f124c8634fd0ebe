package io.stagedoor.client;

import io.stagedoor.api.events.PromoCode;
import io.stagedoor.api.events.PromoCodeChanges;
import io.stagedoor.api.events.PromoCodeDraft;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;

/** An event's promo codes. */
public final class PromoCodes {

    private final Transport transport;

    PromoCodes(Transport transport) {
        this.transport = transport;
    }

    /** {@code POST /api/v1/events/{eventId}/promo-codes}. */
    public PromoCode create(UUID eventId, PromoCodeDraft draft) {
        return transport
                .call("POST", "events", eventId.toString(), "promo-codes")
                .json(draft)
                .send(PromoCode.class);
    }

    /** {@code GET /api/v1/events/{eventId}/promo-codes}. */
    public List<PromoCode> list(UUID eventId) {
        return transport
                .call("GET", "events", eventId.toString(), "promo-codes")
                .send(new TypeReference<List<PromoCode>>() {});
    }

    /** {@code PATCH /api/v1/events/{eventId}/promo-codes/{promoCodeId}}. */
    public PromoCode update(UUID eventId, UUID promoCodeId, PromoCodeChanges changes) {
        return transport
                .call("PATCH", "events", eventId.toString(), "promo-codes", promoCodeId.toString())
                .json(changes)
                .send(PromoCode.class);
    }
}
