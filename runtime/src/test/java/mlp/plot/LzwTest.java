package mlp.plot;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LZW image data, decoded back by the JDK's GIF reader: every pixel as it was. */
class LzwTest {
    /** A one-frame GIF of w×h palette indices, its colour table 2^depth distinct greys. */
    static byte[] gif(byte[] pixels, int w, int h, int depth, Lzw lzw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        short2(out, w);
        short2(out, h);
        out.write(0x80 | 0x70 | (depth - 1)); // global colour table of 2^depth entries
        out.write(0);
        out.write(0);
        for (int i = 0; i < 1 << depth; i++)
            for (int c = 0; c < 3; c++) out.write(i);
        out.write(0x2c);
        short2(out, 0);
        short2(out, 0);
        short2(out, w);
        short2(out, h);
        out.write(0);
        lzw.encode(pixels, w * h, depth, out);
        out.write(0x3b);
        return out.toByteArray();
    }

    private static void short2(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write(v >> 8 & 0xff);
    }

    static byte[] decode(byte[] file, int w, int h) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(file));
        assertEquals(w, image.getWidth());
        assertEquals(h, image.getHeight());
        Raster r = image.getRaster();
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) out[y * w + x] = (byte) r.getSample(x, y, 0);
        return out;
    }

    static void roundTrip(byte[] pixels, int w, int h, int depth) throws IOException {
        Lzw lzw = new Lzw();
        byte[] file = gif(pixels, w, h, depth, lzw);
        assertArrayEquals(pixels, decode(file, w, h), w + "×" + h + " at depth " + depth);
        assertArrayEquals(file, gif(pixels, w, h, depth, lzw), "an encoder used again writes the same bytes");
    }

    @Test
    void tinyFramesAndTheSmallestCodeSize() throws IOException {
        roundTrip(new byte[]{1}, 1, 1, 1);
        roundTrip(new byte[]{0, 1, 1, 0}, 2, 2, 1);
        roundTrip(new byte[]{3, 3, 3, 2, 1, 0}, 3, 2, 2);
    }

    @Test
    void noiseFillsTheDictionaryAgainAndAgain() throws IOException {
        Random r = new Random(1);
        for (int depth : new int[]{1, 2, 5, 8}) {
            byte[] p = new byte[300 * 200];
            for (int i = 0; i < p.length; i++) p[i] = (byte) r.nextInt(1 << depth);
            roundTrip(p, 300, 200, depth);
        }
    }

    @Test
    void longRunsAndAChartLikeFrame() throws IOException {
        byte[] white = new byte[600 * 600];
        roundTrip(white, 600, 600, 5);
        byte[] chart = new byte[600 * 600];
        Random r = new Random(2);
        for (int y = 0; y < 600; y++)
            for (int x = 0; x < 600; x++) chart[y * 600 + x] = (byte) (x % 50 == 0 || y % 50 == 0 ? 1 : 0);
        for (int dot = 0; dot < 300; dot++) { // 7-pixel dots with a ring of edge colours
            int cx = 10 + r.nextInt(580), cy = 10 + r.nextInt(580), colour = 2 + r.nextInt(2);
            for (int y = -3; y <= 3; y++)
                for (int x = -3; x <= 3; x++) {
                    int d = x * x + y * y;
                    if (d <= 12) chart[(cy + y) * 600 + cx + x] = (byte) (d <= 6 ? colour : colour + 2 + r.nextInt(20));
                }
        }
        roundTrip(chart, 600, 600, 5);
        Lzw lzw = new Lzw();
        int size = gif(chart, 600, 600, 5, lzw).length, plain = gif(white, 600, 600, 5, lzw).length;
        assertTrue(size < 60_000 && plain < 2_000, "compressed: " + size + " and " + plain + " bytes of 360,000 pixels");
    }

    @Test
    void eachCodeSizeStepIsWhereTheDecoderExpectsIt() throws IOException {
        // strings that grow one pixel at a time: the dictionary passes 2^k codes at known places
        for (int n : new int[]{5, 6, 7, 8, 9, 60, 250, 256, 257, 511, 512, 513, 4093, 4094, 4095, 4096, 4097, 9000}) {
            byte[] p = new byte[n];
            Arrays.fill(p, (byte) 1);
            for (int i = 0; i < n; i += 7) p[i] = (byte) (i % 4);
            roundTrip(p, n, 1, 2);
        }
    }
}
