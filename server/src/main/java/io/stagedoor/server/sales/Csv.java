package io.stagedoor.server.sales;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.List;

/**
 * CSV as spreadsheets read it (RFC 4180, UTF-8 with a byte-order mark, CRLF), safe whatever the spreadsheet takes
 * for the separator. A buyer's name must never become a command in the organiser's spreadsheet, and a spreadsheet
 * may split the file at commas, semicolons or tabs, honouring the quotes or not. So wherever a cell could begin under
 * any of those readings (at its start, and after every comma, semicolon, tab or line break in its text), text that a
 * spreadsheet would run as a formula gets an apostrophe in front: text starting with {@code = + - @} or their
 * full-width forms, also behind spaces, quotes or line breaks a spreadsheet strips, or with a tab or a carriage
 * return. A cell that holds a separator, a quote or a line break is quoted.
 */
final class Csv {

    /** Characters after which a spreadsheet may start a new cell, under some choice of separator. */
    private static final String CELL_BREAKS = ",;\t\r\n";

    /** First characters that make a spreadsheet read a cell as a formula, also behind {@link #STRIPPED}. */
    private static final String FORMULA_STARTS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20";

    /** Characters a spreadsheet may drop from a cell's start before looking for a formula. */
    private static final String STRIPPED = " \"\t\r\n\u00A0\u3000";

    /** First characters disarmed whatever follows, as some spreadsheets strip them and read on. */
    private static final String CONTROL_STARTS = "\t\r";

    /** What makes a cell need quotes. */
    private static final String NEEDS_QUOTES = ",;\t\"\r\n";

    private final StringBuilder out = new StringBuilder("\uFEFF");

    Csv row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    byte[] bytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String cell(Object value) {
        if (value instanceof Number) {
            // Our own amounts and counts: a negative amount is a number, not a formula.
            return value.toString();
        }
        var text = neutralised(value == null ? "" : value.toString());
        for (int i = 0; i < text.length(); i++) {
            if (NEEDS_QUOTES.indexOf(text.charAt(i)) >= 0) {
                return "\"" + text.replace("\"", "\"\"") + "\"";
            }
        }
        return text;
    }

    /** The text with an apostrophe wherever a cell could begin with a formula. */
    private static String neutralised(String text) {
        var result = new StringBuilder(text.length() + 1);
        for (int i = 0; i <= text.length(); i++) {
            boolean cellMayStartHere = i == 0 || CELL_BREAKS.indexOf(text.charAt(i - 1)) >= 0;
            if (cellMayStartHere && startsFormula(text, i)) {
                result.append('\'');
            }
            if (i < text.length()) {
                result.append(text.charAt(i));
            }
        }
        return result.toString();
    }

    private static boolean startsFormula(String text, int from) {
        if (from < text.length() && CONTROL_STARTS.indexOf(text.charAt(from)) >= 0) {
            return true;
        }
        int i = from;
        while (i < text.length() && STRIPPED.indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i < text.length() && FORMULA_STARTS.indexOf(text.charAt(i)) >= 0;
    }

    /** An amount in major units with the currency's decimals, e.g. 1250 EUR cents as {@code 12.50}. */
    static BigDecimal major(long minor, String currency) {
        return BigDecimal.valueOf(minor, Currency.getInstance(currency).getDefaultFractionDigits());
    }
}
