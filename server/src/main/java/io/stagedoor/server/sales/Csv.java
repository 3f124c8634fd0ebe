package io.stagedoor.server.sales;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.List;

/**
 * CSV as spreadsheets read it (RFC 4180, UTF-8 with a byte-order mark, CRLF). Cells that a spreadsheet would run
 * as a formula (starting with =, +, -, @, tab or CR) are prefixed with an apostrophe, so that a buyer's name cannot
 * become a command in the organiser's spreadsheet.
 */
final class Csv {

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
        var text = value == null ? "" : value.toString();
        if (!text.isEmpty()
                && "=+-@\t\r".indexOf(text.charAt(0)) >= 0
                && !(value instanceof Number)
                && !(value instanceof BigDecimal)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    /** An amount in major units with the currency's decimals, e.g. 1250 EUR cents as {@code 12.50}. */
    static BigDecimal major(long minor, String currency) {
        return BigDecimal.valueOf(minor, Currency.getInstance(currency).getDefaultFractionDigits());
    }
}
