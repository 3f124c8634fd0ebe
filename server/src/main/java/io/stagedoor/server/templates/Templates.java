package io.stagedoor.server.templates;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The JTE templates under {@code server/src/main/jte}, compiled to Java at build time. Every {@code ${...}}
 * output is HTML-escaped for its context (text, attribute, URL), so user-supplied text cannot become markup.
 */
public final class Templates {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private Templates() {}

    /** Renders {@code name} (e.g. {@code mail/tickets.jte}) with its single {@code @param}. */
    public static String render(String name, Object model) {
        var output = new StringOutput();
        ENGINE.render(name, model, output);
        return output.toString();
    }
}
