package io.stagedoor.server.pages;

import io.stagedoor.api.FieldError;
import io.stagedoor.api.events.PublicEvent;
import io.stagedoor.api.events.PublicTicketType;
import io.stagedoor.api.sales.Buyer;
import io.stagedoor.api.sales.CheckoutItem;
import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.PaymentChoice;
import io.stagedoor.api.sales.QuoteLine;
import io.stagedoor.api.sales.QuoteRequest;
import io.stagedoor.server.money.Currencies;
import io.stagedoor.server.pages.PurchasePages.BuyForm;
import io.stagedoor.server.pages.PurchasePages.Field;
import io.stagedoor.server.pages.PurchasePages.PriceLine;
import io.stagedoor.server.pages.PurchasePages.PriceView;
import io.stagedoor.server.pages.PurchasePages.ProblemLink;
import io.stagedoor.server.pages.PurchasePages.ProviderChoice;
import io.stagedoor.server.payments.TestCardProvider;
import io.stagedoor.server.sales.CheckoutService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The purchase form of one event as the buyer filled it in: the values typed (kept to show the form again), the
 * order they make, and what was wrong with them, each problem next to its field and in the summary at the top.
 */
final class PurchaseForm {

    static final String NAME = "buyer-name";
    static final String EMAIL = "buyer-email";
    static final String PROMO_CODE = "promo-code";
    static final String PROVIDER = "provider";
    static final String TEST_CARD = "test-card";
    static final String KEY = "idempotency-key";
    static final String RESEND_EMAIL = "resend-email";
    /** The group of quantity fields, for problems with the basket as a whole. */
    static final String TICKETS = "tickets";

    /** A checkout error about one line of the order. */
    private static final Pattern LINE = Pattern.compile("items\\[(\\d+)]\\.(quantity|ticketTypeId)");

    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,4}");
    /** Messages from the checkout that read as the end of a sentence about their field. */
    private static final Pattern PREDICATE = Pattern.compile("^(must|is|are|appears|may|does|has) .*");

    private final PublicEvent event;
    private final List<String> providers;
    private final Map<String, String> values;
    private final String idempotencyKey;
    private final Map<String, String> fieldErrors = new LinkedHashMap<>();
    private final List<ProblemLink> summary = new ArrayList<>();
    /** The ticket type behind each line of the order built last, in order: field names of checkout errors. */
    private final List<PublicTicketType> lines = new ArrayList<>();

    private PurchaseForm(PublicEvent event, List<String> providers, Map<String, String> values, String key) {
        this.event = event;
        this.providers = providers;
        this.values = values;
        this.idempotencyKey = key;
    }

    /** An empty form, as the event page first shows it. */
    static PurchaseForm empty(PublicEvent event, List<String> providers, String idempotencyKey) {
        return new PurchaseForm(event, providers, Map.of(), idempotencyKey);
    }

    /** The form as posted; {@code value} reads one posted field (null when absent). */
    static PurchaseForm posted(
            PublicEvent event, List<String> providers, Function<String, @Nullable String> value, String freshKey) {
        var values = new HashMap<String, String>();
        var names = new ArrayList<>(List.of(NAME, EMAIL, PROMO_CODE, PROVIDER, TEST_CARD, KEY, RESEND_EMAIL));
        event.ticketTypes().forEach(type -> names.add(quantityField(type)));
        for (var name : names) {
            var posted = value.apply(name);
            if (posted != null) {
                // No field may be this long: the checkout refuses it anyway, and the page echoes no more than this.
                values.put(name, posted.length() > 500 ? posted.substring(0, 500) : posted);
            }
        }
        var key = values.getOrDefault(KEY, "").strip();
        return new PurchaseForm(event, providers, values, key.isEmpty() ? freshKey : key);
    }

    String idempotencyKey() {
        return idempotencyKey;
    }

    String value(String field) {
        return values.getOrDefault(field, "");
    }

    boolean hasProblems() {
        return !summary.isEmpty();
    }

    /** The same form under a new idempotency key: the old one answered for an attempt that failed. */
    PurchaseForm withKey(String key) {
        var renewed = new PurchaseForm(event, providers, values, key);
        renewed.fieldErrors.putAll(fieldErrors);
        renewed.summary.addAll(summary);
        return renewed;
    }

    /** The basket; quantities that are not whole numbers are reported and left out. */
    List<CheckoutItem> items() {
        lines.clear();
        var items = new ArrayList<CheckoutItem>();
        for (var type : onSale(event)) {
            var typed = value(quantityField(type)).strip();
            if (typed.isEmpty()) {
                continue;
            }
            if (!WHOLE_NUMBER.matcher(typed).matches()) {
                problem(quantityField(type), type.name() + ": enter a whole number of tickets, such as 2");
                continue;
            }
            int quantity = Integer.parseInt(typed);
            if (quantity > 0) {
                lines.add(type);
                items.add(new CheckoutItem(type.id(), quantity));
            }
        }
        return items;
    }

    QuoteRequest quoteRequest(UUID eventId) {
        var items = items();
        return new QuoteRequest(eventId, items, blankToNull(value(PROMO_CODE)));
    }

    CheckoutRequest checkoutRequest(UUID eventId) {
        var items = items();
        var provider = chosenProvider();
        PaymentChoice payment = null;
        if (provider != null) {
            var card = blankToNull(value(TEST_CARD));
            // No card typed: the order may be free, and then it needs no payment at all; if it is not, the
            // checkout says a payment is needed, and that is shown at the card field.
            if (!provider.equals(TestCardProvider.ID) || card != null) {
                payment = new PaymentChoice(provider, provider.equals(TestCardProvider.ID) ? card : null);
            }
        }
        return new CheckoutRequest(
                eventId, new Buyer(value(NAME), value(EMAIL)), items, blankToNull(value(PROMO_CODE)), payment);
    }

    private @Nullable String chosenProvider() {
        if (providers.isEmpty()) {
            return null;
        }
        var chosen = value(PROVIDER).strip();
        return providers.contains(chosen) ? chosen : providers.getFirst();
    }

    /** Records a refusal of the checkout: its field errors at their fields, or its detail in the summary. */
    void refused(String detail, List<FieldError> errors) {
        if (errors.isEmpty()) {
            problem(null, detail);
        }
        for (var error : errors) {
            fieldError(error);
        }
    }

    private void fieldError(FieldError error) {
        var line = LINE.matcher(error.field());
        if (line.matches()) {
            int index = Integer.parseInt(line.group(1));
            if (index < lines.size()) {
                var type = lines.get(index);
                problem(quantityField(type), sentence(type.name(), error.message()));
                return;
            }
        }
        switch (error.field()) {
            case "buyer.name" -> problem(NAME, sentence("Your name", error.message()));
            case "buyer.email" -> problem(EMAIL, sentence("The e-mail address", error.message()));
            case "promoCode" -> problem(PROMO_CODE, sentence("The promo code", error.message()));
            case "payment.testCardNumber" -> problem(TEST_CARD, sentence("The test card number", error.message()));
            case "payment.provider" ->
                problem(
                        TestCardProvider.ID.equals(chosenProvider()) ? TEST_CARD : PROVIDER,
                        TestCardProvider.ID.equals(chosenProvider())
                                ? "Enter the test card number to pay"
                                : "Choose how to pay");
            case "items" ->
                problem(
                        TICKETS,
                        error.message().startsWith("must name at least one")
                                ? "Choose how many tickets you want"
                                : sentence("Your order", error.message()));
            default -> problem(null, sentence(error.field(), error.message()));
        }
    }

    /** "must be given" about "Your name" reads "Your name must be given"; a whole sentence stays as it is. */
    static String sentence(String subject, String message) {
        if (message.equals("must be given")) {
            return "Enter " + subject.replaceFirst("^(Your|The) ", "your ").toLowerCase(Locale.ROOT);
        }
        if (PREDICATE.matcher(message).matches()) {
            return subject + " " + message;
        }
        return message.isEmpty() ? subject : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    /** Records a problem at {@code field} (null: the form as a whole). The first problem of a field is shown. */
    void problem(@Nullable String field, String message) {
        if (field != null && fieldErrors.containsKey(field)) {
            return;
        }
        if (field != null) {
            fieldErrors.put(field, message);
        }
        summary.add(new ProblemLink(field == null ? null : "#" + field, message));
    }

    List<ProblemLink> summary() {
        return List.copyOf(summary);
    }

    @Nullable String error(String field) {
        return fieldErrors.get(field);
    }

    Field field(String name) {
        return new Field(name, value(name), error(name));
    }

    static String quantityField(PublicTicketType type) {
        return "qty-" + type.id();
    }

    static List<PublicTicketType> onSale(PublicEvent event) {
        return event.ticketTypes().stream().filter(PublicTicketType::onSaleNow).toList();
    }

    /** The most of {@code type} one order may hold: what is left, within the checkout's own limit. */
    static int maxQuantity(PublicTicketType type) {
        return Math.min(type.available(), CheckoutService.MAX_TICKETS);
    }

    /** The form for the template; {@code price} is the quote when the buyer asked for one. */
    BuyForm toView(String action, @Nullable PriceView price) {
        var choices = providers.stream()
                .map(id -> new ProviderChoice(id, providerLabel(id), id.equals(chosenProvider())))
                .toList();
        return new BuyForm(
                action,
                idempotencyKey,
                error(TICKETS),
                field(NAME),
                field(EMAIL),
                field(PROMO_CODE),
                choices,
                providers.contains(TestCardProvider.ID) ? field(TEST_CARD) : null,
                price);
    }

    private static String providerLabel(String id) {
        return switch (id) {
            case TestCardProvider.ID -> "Test card (a demonstration: no money moves)";
            case "stripe" -> "Card, on Stripe's secure payment page";
            default -> id;
        };
    }

    /** Amounts of a quote or a receipt, formatted for people. */
    static PriceView price(
            String currency,
            List<QuoteLine> lines,
            long subtotalMinor,
            long discountMinor,
            long totalMinor,
            @Nullable String promoCode) {
        Function<Long, String> money = minor -> Currencies.format(minor, currency, Locale.UK);
        return new PriceView(
                lines.stream()
                        .map(line -> new PriceLine(
                                line.name(),
                                line.quantity(),
                                money.apply(line.unitPriceMinor()),
                                money.apply(line.subtotalMinor())))
                        .toList(),
                money.apply(subtotalMinor),
                discountMinor == 0 ? null : "−" + money.apply(discountMinor),
                promoCode,
                money.apply(totalMinor));
    }

    private static @Nullable String blankToNull(String text) {
        return text.isBlank() ? null : text.strip();
    }
}
