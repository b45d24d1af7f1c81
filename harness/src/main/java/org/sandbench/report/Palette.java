package org.sandbench.report;

import java.awt.Color;
import java.util.List;
import java.util.Map;

/**
 * Colours that stay distinguishable for the common colour-vision deficiencies:
 * the Okabe-Ito palette (Okabe and Ito, "Color Universal Design", 2008; also
 * Wong, Nature Methods 8:441, 2011).  A model keeps its colour in every figure.
 */
public final class Palette {
    public static final Color BLACK = new Color(0x000000);
    public static final Color ORANGE = new Color(0xE69F00);
    public static final Color SKY_BLUE = new Color(0x56B4E9);
    public static final Color BLUISH_GREEN = new Color(0x009E73);
    public static final Color YELLOW = new Color(0xF0E442);
    public static final Color BLUE = new Color(0x0072B2);
    public static final Color VERMILLION = new Color(0xD55E00);
    public static final Color REDDISH_PURPLE = new Color(0xCC79A7);
    public static final Color GREY = new Color(0x999999);

    /** For series that are not models (positions, access kinds...), in this order. */
    public static final List<Color> SERIES = List.of(BLUE, ORANGE, BLUISH_GREEN, VERMILLION, REDDISH_PURPLE, SKY_BLUE,
            YELLOW, BLACK);

    /** A darker grey for a second baseline (the escape matrix's container-none beside none). */
    public static final Color DARK_GREY = new Color(0x5E5E5E);

    private static final Map<String, Color> MODELS = Map.of(
            "none", GREY,
            "seccomp", BLUE,
            "landlock", ORANGE,
            "seccomp+landlock", REDDISH_PURPLE,
            "capsicum", BLUISH_GREEN,
            "docker-default", SKY_BLUE,
            // the escape matrix's further columns, so that they never share a colour in one figure
            "seccomp-naive", BLACK,
            "container-none", DARK_GREY,
            "docker-seccomp", VERMILLION);

    private static final List<Color> SPARE = List.of(VERMILLION, BLACK, YELLOW);

    private Palette() {
    }

    public static Color model(String id) {
        Color c = MODELS.get(id);
        if (c != null)
            return c;
        // A model added later still gets a stable colour: chosen by its name, not by its position.
        return SPARE.get(Math.floorMod(id.hashCode(), SPARE.size()));
    }

    public static Color series(int i) {
        return SERIES.get(i % SERIES.size());
    }

    public static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
