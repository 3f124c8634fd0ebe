package io.stagedoor.server.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvTest {

    /** What spreadsheets run as a formula when a cell starts with it, after stripping spaces, quotes, line breaks. */
    private static final String FORMULA_STARTS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20";

    private static final String STRIPPED = " \"\t\r\n\u00A0\u3000";

    /** A cell's first characters that are disarmed even when nothing follows (OWASP's list). */
    private static final String DISARMED_FIRST = "=+-@\t\r";

    /** Characters hostile cells are made of: formula starts, separators, quotes, spaces, line breaks, text. */
    private static final String HOSTILE = "=+-@\t\r\n,;\"' aZ1.(|\uFF1D\uFF0B\uFF0D\uFF20\u00A0\u3000";

    @Test
    void cellsThatASpreadsheetWouldRunAreDisarmed() {
        assertThat(Csv.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(Csv.cell("+1")).isEqualTo("'+1");
        assertThat(Csv.cell("-2")).isEqualTo("'-2");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.cell(BigDecimal.valueOf(-150, 2)))
                .as("numbers stay numbers")
                .isEqualTo("-1.50");
    }

    @Test
    void formulasBehindSpacesQuotesAndOtherSeparatorsAreDisarmedToo() {
        assertThat(Csv.cell(" =1+1")).isEqualTo("' =1+1");
        assertThat(Csv.cell("\"=1+1")).isEqualTo("\"'\"\"=1+1\"");
        assertThat(Csv.cell("\uFF1D1+1")).isEqualTo("'\uFF1D1+1");
        assertThat(Csv.cell("\tx")).isEqualTo("\"'\tx\"");
        assertThat(Csv.cell("Anna;=cmd|' /C calc'!A0"))
                .as("read with ; as the separator, the text after it is a cell")
                .isEqualTo("\"Anna;'=cmd|' /C calc'!A0\"");
        assertThat(Csv.cell("line\n@SUM(A1)")).isEqualTo("\"line\n'@SUM(A1)\"");
        assertThat(Csv.cell("Smith, Anna; Jones"))
                .as("harmless text is left alone")
                .isEqualTo("\"Smith, Anna; Jones\"");
    }

    /**
     * Hostile cells in thousands of generated rows: read back with a comma, a semicolon or a tab as the separator,
     * honouring quotes or ignoring them, no cell starts a formula; read as written (commas, quotes honoured), every
     * cell comes back with its text, apart from the apostrophes that disarm it.
     */
    @Test
    void noSeparatorASpreadsheetMayChooseRevealsAFormula() {
        var failures = new ArrayList<String>();
        for (long seed = 1; seed <= 20; seed++) {
            var random = new Random(seed);
            var rows = new ArrayList<List<String>>();
            var csv = new Csv();
            for (int r = 0; r < 250; r++) {
                var row = new ArrayList<String>();
                for (int c = 1 + random.nextInt(4); c > 0; c--) {
                    var cell = new StringBuilder();
                    for (int n = random.nextInt(10); n > 0; n--) {
                        cell.append(HOSTILE.charAt(random.nextInt(HOSTILE.length())));
                    }
                    row.add(cell.toString());
                }
                rows.add(row);
                csv.row(row);
            }
            var text = new String(csv.bytes(), StandardCharsets.UTF_8).substring(1);
            for (char separator : new char[] {',', ';', '\t'}) {
                for (boolean quotes : new boolean[] {true, false}) {
                    for (var row : parse(text, separator, quotes)) {
                        for (var field : row) {
                            if (startsFormula(field)) {
                                failures.add("seed " + seed + ", separator " + escape(separator) + ", quotes " + quotes
                                        + ": a formula in " + escape(field));
                            }
                        }
                    }
                }
            }
            var read = parse(text, ',', true);
            assertThat(read).hasSameSizeAs(rows);
            for (int r = 0; r < rows.size(); r++) {
                for (var field : read.get(r)) {
                    if (!field.isEmpty() && DISARMED_FIRST.indexOf(field.charAt(0)) >= 0) {
                        failures.add("seed " + seed + ", as written: not disarmed " + escape(field));
                    }
                }
                var original = rows.get(r).stream().map(f -> f.replace("'", "")).toList();
                var kept = read.get(r).stream().map(f -> f.replace("'", "")).toList();
                if (!kept.equals(original)) {
                    failures.add(
                            "seed " + seed + ", as written: " + escape(original) + " came back as " + escape(kept));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void commasQuotesAndLineBreaksAreQuoted() {
        assertThat(Csv.cell("Smith, Anna")).isEqualTo("\"Smith, Anna\"");
        assertThat(Csv.cell("The \"Boss\"")).isEqualTo("\"The \"\"Boss\"\"\"");
        assertThat(Csv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.cell("a;b")).isEqualTo("\"a;b\"");
        assertThat(Csv.cell("a\tb")).isEqualTo("\"a\tb\"");
        assertThat(Csv.cell(null)).isEmpty();
    }

    @Test
    void rowsEndInCrlfAfterAByteOrderMark() {
        var text =
                new String(new Csv().row(List.of("a", 1)).row(List.of("b", 2)).bytes(), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("\uFEFFa,1\r\nb,2\r\n");
    }

    @Test
    void amountsUseTheCurrencysDecimals() {
        assertThat(Csv.major(1250, "EUR")).isEqualByComparingTo("12.50").hasToString("12.50");
        assertThat(Csv.major(1200, "JPY")).hasToString("1200");
        assertThat(Csv.major(1234, "KWD")).hasToString("1.234");
    }

    private static boolean startsFormula(String field) {
        int i = 0;
        while (i < field.length() && STRIPPED.indexOf(field.charAt(i)) >= 0) {
            i++;
        }
        return i < field.length() && FORMULA_STARTS.indexOf(field.charAt(i)) >= 0;
    }

    /**
     * Rows of cells as a spreadsheet splits them with this separator: a line break ends a row (CRLF, CR or LF), and
     * with quotes honoured a cell that starts with a quote runs to the closing quote ({@code ""} inside being one
     * quote, line breaks and separators included) and takes what follows it up to the next separator.
     */
    private static List<List<String>> parse(String text, char separator, boolean honourQuotes) {
        var rows = new ArrayList<List<String>>();
        var row = new ArrayList<String>();
        var field = new StringBuilder();
        int i = 0;
        boolean fieldStart = true;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (fieldStart && honourQuotes && c == '"') {
                i++;
                while (i < text.length()) {
                    if (text.charAt(i) == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.append(text.charAt(i++));
                }
                fieldStart = false;
                continue;
            }
            fieldStart = false;
            if (c == separator) {
                row.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                i++;
            } else if (c == '\r' || c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                fieldStart = true;
                i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
            } else {
                field.append(c);
                i++;
            }
        }
        if (!fieldStart || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    private static String escape(Object text) {
        return String.valueOf(text).replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n");
    }
}
