package io.stagedoor.server.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

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
    void commasQuotesAndLineBreaksAreQuoted() {
        assertThat(Csv.cell("Smith, Anna")).isEqualTo("\"Smith, Anna\"");
        assertThat(Csv.cell("The \"Boss\"")).isEqualTo("\"The \"\"Boss\"\"\"");
        assertThat(Csv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
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
}
