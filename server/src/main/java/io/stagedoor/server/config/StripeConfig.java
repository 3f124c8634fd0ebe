package io.stagedoor.server.config;

/** Stripe Checkout: the secret key, the webhook signing secret, and where the API answers. */
public record StripeConfig(String secretKey, String webhookSecret, String apiBase) {

    @Override
    public String toString() {
        return "StripeConfig[secretKey=***, webhookSecret=***, apiBase=" + apiBase + "]";
    }
}
