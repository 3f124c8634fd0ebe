package io.stagedoor.app.internal;

import io.stagedoor.client.ApiProblemException;
import io.stagedoor.client.ApiUnreachableException;
import io.stagedoor.client.StagedoorClientException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import org.jspecify.annotations.Nullable;

/** The studio's strings ({@code i18n/studio.properties}), and failures put into a short sentence. */
public final class Messages {

    public static final String BUNDLE = "io.stagedoor.app.i18n.studio";
    private static final String PROBLEM_TYPE = "urn:stagedoor:problem:";

    private final ResourceBundle bundle;

    public Messages(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    public static Messages load() {
        return new Messages(ResourceBundle.getBundle(BUNDLE));
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    /** The locale numbers, amounts and dates are written in. */
    public Locale locale() {
        return Locale.getDefault(Locale.Category.FORMAT);
    }

    public String get(String key) {
        return bundle.getString(key);
    }

    /** The string for {@code key} with {@code {0}}, {@code {1}} … filled in ({@link MessageFormat}). */
    public String format(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), bundle.getLocale()).format(arguments);
    }

    /**
     * What went wrong, for the user; the full detail is logged by whoever caught it. A problem of a kind this bundle
     * has words for ({@code problem.<kind>}, such as {@code problem.registration-closed}) is said in them, with the
     * server's detail as {@code {0}}.
     */
    public String of(StagedoorClientException failure) {
        if (failure instanceof ApiProblemException e) {
            var own = ownWords(e);
            if (own != null) {
                return own;
            }
        }
        return switch (failure) {
            case ApiUnreachableException e -> get("error.unreachable");
            case ApiProblemException e when e.status() == 401 -> get("error.signInAgain");
            case ApiProblemException e when e.status() == 403 -> get("error.forbidden");
            case ApiProblemException e when e.status() == 404 -> get("error.notFound");
            case ApiProblemException e when e.status() == 429 -> get("error.tooMany");
            case ApiProblemException e when e.status() >= 500 -> get("error.server");
            case ApiProblemException e -> problemSentence(e);
        };
    }

    public String unexpected() {
        return get("error.unexpected");
    }

    private @Nullable String ownWords(ApiProblemException e) {
        var type = e.problem().type().toString();
        if (!type.startsWith(PROBLEM_TYPE)) {
            return null;
        }
        var key = "problem." + type.substring(PROBLEM_TYPE.length());
        if (!bundle.containsKey(key)) {
            return null;
        }
        var detail = e.problem().detail();
        return format(key, detail == null ? "" : detail).strip();
    }

    private static String problemSentence(ApiProblemException e) {
        var problem = e.problem();
        if (!problem.errors().isEmpty()) {
            var first = problem.errors().getFirst();
            return first.field() + ": " + first.message();
        }
        return problem.detail() != null ? problem.detail() : problem.title();
    }
}
