package io.stagedoor.app.events;

import io.stagedoor.client.ApiProblemException;
import java.util.Map;
import java.util.Optional;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * What the server refused, field by field, so that the form shows it next to the field that caused it: the server's
 * words ({@code must be after saleStartsAt}, or a whole sentence for a conflict such as an address already taken). A
 * refusal stands until that field changes. Fields are named as in the API's records ({@code slug}, {@code saleEndsAt},
 * {@code access.rentalHours}); use from the UI thread.
 */
public final class ServerRefusals {

    /** Conflicts that name no field but are about one: the problem type's last part → the field. */
    private static final Map<String, String> CONFLICT_FIELDS = Map.of("slug-taken", "slug");

    private final ObservableMap<String, String> byField = FXCollections.observableHashMap();
    // One read-only view, kept: a view's listeners on it are weak and vanish with an unreferenced view.
    private final ObservableMap<String, String> byFieldView = FXCollections.unmodifiableObservableMap(byField);

    /** The server's sentences by field; read-only. */
    public ObservableMap<String, String> byField() {
        return byFieldView;
    }

    public Optional<String> of(String field) {
        return Optional.ofNullable(byField.get(field));
    }

    /** Forgets the field's refusal as soon as {@code value} changes. */
    void clearOnChange(String field, ObservableValue<?> value) {
        value.addListener((obs, old, now) -> byField.remove(field));
    }

    void clear() {
        byField.clear();
    }

    /**
     * Takes the refusal apart; true when it was about fields of the form (they are then shown), false when it is about
     * something else and should be said as a whole.
     */
    boolean take(ApiProblemException refusal) {
        var problem = refusal.problem();
        if (!problem.errors().isEmpty()) {
            for (var error : problem.errors()) {
                byField.merge(error.field(), error.message(), (first, next) -> first);
            }
            return true;
        }
        var type = problem.type().toString();
        var kind = type.substring(type.lastIndexOf(':') + 1);
        var field = CONFLICT_FIELDS.get(kind);
        if (field != null && problem.detail() != null) {
            byField.put(field, problem.detail());
            return true;
        }
        return false;
    }
}
