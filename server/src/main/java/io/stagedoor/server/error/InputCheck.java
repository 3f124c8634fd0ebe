package io.stagedoor.server.error;

import io.stagedoor.api.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Collects every problem with a request's fields, so that the caller hears about all of them at once, then
 * {@link #throwIfInvalid() throws} one {@link InvalidInputException}. Text is trimmed; lengths count characters.
 */
public final class InputCheck {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");

    private final List<FieldError> errors = new ArrayList<>();

    public void fail(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /** Records a problem when {@code condition} is false; returns the condition. */
    public boolean require(boolean condition, String field, String message) {
        if (!condition) {
            fail(field, message);
        }
        return condition;
    }

    /** A required text of 1 to {@code maxLength} characters after trimming; empty string when it fails. */
    public String text(String field, @Nullable String value, int maxLength) {
        if (value == null || value.isBlank()) {
            fail(field, "must be given");
            return "";
        }
        return withinLength(field, value.strip(), maxLength);
    }

    /** An optional text of at most {@code maxLength} characters after trimming; empty string when absent. */
    public String optionalText(String field, @Nullable String value, int maxLength) {
        return value == null ? "" : withinLength(field, value.strip(), maxLength);
    }

    private String withinLength(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            fail(field, "must be at most " + maxLength + " characters, was " + value.length());
        }
        return value;
    }

    /** A required value of any type. */
    public <T> @Nullable T present(String field, @Nullable T value) {
        if (value == null) {
            fail(field, "must be given");
        }
        return value;
    }

    /** A required whole number within bounds; {@code min} when it fails. */
    public long between(String field, @Nullable Long value, long min, long max) {
        if (value == null) {
            fail(field, "must be given");
            return min;
        }
        if (value < min || value > max) {
            fail(field, "must be from " + min + " to " + max + ", was " + value);
            return min;
        }
        return value;
    }

    /** An optional whole number within bounds; null when absent. */
    public @Nullable Long optionalBetween(String field, @Nullable Long value, long min, long max) {
        return value == null ? null : between(field, value, min, max);
    }

    public int between(String field, @Nullable Integer value, int min, int max) {
        return (int) between(field, value == null ? null : value.longValue(), min, max);
    }

    /**
     * The fields a change asks to empty, each among {@code clearable} and none also given a value in {@code given}
     * (field name to whether the change gives it); the set of valid names.
     */
    public Set<String> cleared(@Nullable List<String> names, List<String> clearable, Map<String, Boolean> given) {
        if (names == null) {
            return Set.of();
        }
        var cleared = new LinkedHashSet<String>();
        for (var name : names) {
            if (name == null || !clearable.contains(name)) {
                fail("clear", "can name " + String.join(", ", clearable) + ", not " + name);
            } else if (Boolean.TRUE.equals(given.get(name))) {
                fail(name, "is both given and cleared: send a value to change it, or clear it");
            } else {
                cleared.add(name);
            }
        }
        return cleared;
    }

    /** An e-mail address, lower-cased; empty string when it fails. */
    public String email(String field, @Nullable String value) {
        var address = text(field, value, 254);
        if (!address.isEmpty() && !EMAIL.matcher(address).matches()) {
            fail(field, "must be an e-mail address such as name@example.org");
        }
        return address.toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidInputException naming every problem found so far */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
