package mlp.plot;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one palette of a chart's GIF: which colours it keeps, and where the others go. */
class ChartPaletteTest {
    static final int WHITE = 0xffffff, GRID = 0xe4e4e4, TEXT = 0x3c3c3c, BLUE = 0x1f77b4, ORANGE = 0xff7f0e;

    static int colour(ChartPalette p, int index) {
        byte[] t = p.table();
        return (t[3 * index] & 0xff) << 16 | (t[3 * index + 1] & 0xff) << 8 | (t[3 * index + 2] & 0xff);
    }

    static int[] frame(int... runs) { // colour, count, colour, count, ...
        int n = 0;
        for (int i = 1; i < runs.length; i += 2) n += runs[i];
        int[] f = new int[n];
        for (int i = 0, at = 0; i < runs.length; i += 2)
            for (int k = 0; k < runs[i + 1]; k++) f[at++] = runs[i] | 0xff000000; // as TYPE_INT_RGB reads back
        return f;
    }

    @Test
    void theChartsColoursAreKeptExactlyMostUsedFirst() {
        ChartPalette p = ChartPalette.of(frame(WHITE, 5000, BLUE, 300, GRID, 900, TEXT, 40, ORANGE, 200));
        assertEquals(WHITE, colour(p, 0));
        assertEquals(GRID, colour(p, 1));
        assertEquals(BLUE, colour(p, 2));
        assertEquals(ORANGE, colour(p, 3));
        assertEquals(TEXT, colour(p, 4), "rare, but far from the others: kept");
        assertEquals(3, p.depth(), "5 colours: a table of 8");
        assertEquals(3 * 8, p.table().length);
    }

    @Test
    void aColourCloseToAMoreUsedOneIsDrawnInIt() {
        int nearWhite = 0xf8f8f8, lightBlue = 0x8fbbd9; // an edge pixel, and blue half over white
        ChartPalette p = ChartPalette.of(frame(WHITE, 5000, nearWhite, 10, BLUE, 300, lightBlue, 50));
        assertEquals(WHITE, colour(p, 0));
        int[] f = frame(WHITE, 3, nearWhite, 2, BLUE, 1, lightBlue, 1, 0x1f77b5, 1);
        byte[] indices = new byte[f.length];
        p.index(f, indices, null, null);
        assertEquals(WHITE, colour(p, indices[3]), "near white is white");
        assertEquals(BLUE, colour(p, indices[5]));
        assertEquals(lightBlue, colour(p, indices[6]), "half blue is far from both: kept");
        assertEquals(BLUE, colour(p, indices[7]), "a colour no sample frame had: the nearest");
    }

    @Test
    void atMost32Colours() {
        int[] many = new int[64 * 2];
        for (int i = 0; i < 64; i++) {
            many[2 * i] = (i % 4) * 80 << 16 | (i / 4 % 4) * 80 << 8 | (i / 16) * 80; // 64 colours 80 apart
            many[2 * i + 1] = 100 + i;
        }
        ChartPalette p = ChartPalette.of(frame(many));
        assertEquals(5, p.depth());
        assertEquals(ChartPalette.MAX_COLORS * 3, p.table().length);
        for (int i = 0; i < 32; i++) assertEquals(many[2 * (63 - i)], colour(p, i), "the 32 most used");
    }

    @Test
    void pixelsThatDidNotChangeKeepTheirIndex() {
        ChartPalette p = ChartPalette.of(frame(WHITE, 100, BLUE, 100, ORANGE, 100));
        int[] before = frame(WHITE, 4, BLUE, 2, WHITE, 4), now = frame(WHITE, 5, ORANGE, 2, WHITE, 3);
        byte[] beforeIndices = new byte[10], indices = new byte[10], plain = new byte[10];
        p.index(before, beforeIndices, null, null);
        p.index(now, indices, before, beforeIndices);
        p.index(now, plain, null, null);
        assertEquals(java.util.Arrays.toString(plain), java.util.Arrays.toString(indices));
        assertEquals(ORANGE, colour(p, indices[5]));
        assertEquals(WHITE, colour(p, indices[4]));
        assertEquals(BLUE, colour(p, beforeIndices[4]));
    }

    @Test
    void anEmptyOrOneColourFrameStillMakesATable() {
        assertEquals(1, ChartPalette.of(frame(WHITE, 10)).depth());
        assertEquals(6, ChartPalette.of(frame(WHITE, 10)).table().length);
        assertTrue(ChartPalette.of(new int[0]).table().length >= 6);
    }
}
