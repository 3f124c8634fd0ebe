package io.stagedoor.server.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BrandColoursTest {

    @Test
    void textOnABrandColourIsWhateverReadsBetter() {
        assertThat(BrandColours.textOn("#7A1F5C")).isEqualTo("#ffffff");
        assertThat(BrandColours.textOn("#000000")).isEqualTo("#ffffff");
        assertThat(BrandColours.textOn("#FFD400")).isEqualTo("#000000");
        assertThat(BrandColours.textOn("#ffffff")).isEqualTo("#000000");
    }
}
