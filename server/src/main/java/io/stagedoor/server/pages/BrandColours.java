package io.stagedoor.server.pages;

/** Colours that go with an event's brand colour on its pages. */
public final class BrandColours {

    private BrandColours() {}

    /** Black or white, whichever reads better on {@code colour} (#RRGGBB): at least 4.5:1 either way. */
    public static String textOn(String colour) {
        int rgb = Integer.parseInt(colour.substring(1), 16);
        double luminance = 0.2126 * linear(rgb >> 16) + 0.7152 * linear(rgb >> 8) + 0.0722 * linear(rgb);
        double onWhite = 1.05 / (luminance + 0.05);
        double onBlack = (luminance + 0.05) / 0.05;
        return onWhite >= onBlack ? "#ffffff" : "#000000";
    }

    private static double linear(int channel) {
        double c = (channel & 0xff) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
