package mlp.plot;

import com.madgag.gif.fmsware.AnimatedGifEncoder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * animated-gif-lib's encoder with a palette made for charts. A chart is a few flat colours plus
 * anti-aliased edges, so the 256 most used colours are kept exactly and every other pixel gets
 * the nearest of them; a frame of few colours gets a palette as small as it needs. (The
 * library's NeuQuant quantizer is made for photographs: on charts it tints grey text and white
 * background, and it is slow.)
 */
final class ChartGifEncoder extends AnimatedGifEncoder {
    @Override
    protected void analyzePixels() {
        int n = pixels.length / 3;
        Map<Integer, int[]> counts = new HashMap<>();
        int previous = -1;
        int[] count = null;
        for (int i = 0, k = 0; i < n; i++, k += 3) {
            int rgb = rgb(k);
            if (rgb != previous) {
                count = counts.computeIfAbsent(rgb, c -> new int[1]);
                previous = rgb;
            }
            count[0]++;
        }
        List<Map.Entry<Integer, int[]>> byUse = new ArrayList<>(counts.entrySet());
        byUse.sort((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]));
        List<Integer> palette = new ArrayList<>();
        Integer key = transparent == null ? null : transparent.getRGB() & 0xffffff;
        if (key != null && counts.containsKey(key)) palette.add(key); // the transparent colour must be exact
        for (Map.Entry<Integer, int[]> e : byUse) {
            if (palette.size() == 256) break;
            if (!e.getKey().equals(key)) palette.add(e.getKey());
        }

        int bits = 1; // the palette holds 2^bits colours: no more than the frame uses
        while ((1 << bits) < palette.size()) bits++;
        colorTab = new byte[3 << bits];
        Map<Integer, Integer> index = new HashMap<>();
        for (int p = 0; p < palette.size(); p++) {
            int rgb = palette.get(p);
            colorTab[3 * p] = (byte) (rgb >> 16);
            colorTab[3 * p + 1] = (byte) (rgb >> 8);
            colorTab[3 * p + 2] = (byte) rgb;
            usedEntry[p] = true;
            index.put(rgb, p);
        }
        for (int p = palette.size(); p < 256; p++) usedEntry[p] = false;

        indexedPixels = new byte[n];
        previous = -1;
        int at = 0;
        for (int i = 0, k = 0; i < n; i++, k += 3) {
            int rgb = rgb(k);
            if (rgb != previous) {
                Integer found = index.get(rgb);
                if (found == null) {
                    found = nearest(rgb, palette, key);
                    index.put(rgb, found);
                }
                at = found;
                previous = rgb;
            }
            indexedPixels[i] = (byte) at;
        }
        pixels = null;
        colorDepth = bits;
        palSize = bits - 1;
        if (key != null) {
            transIndex = palette.indexOf(key);
            if (transIndex < 0) { // the frame has no unchanged pixel: nothing is transparent
                transparent = null;
                transIndex = 0;
            }
        }
    }

    /** The palette as it is (the library pads every palette to 256 colours). */
    @Override
    protected void writePalette() throws IOException {
        out.write(colorTab, 0, colorTab.length);
    }

    /** The pixel at byte offset k of the BGR frame, as 0xRRGGBB. */
    private int rgb(int k) {
        return (pixels[k + 2] & 0xff) << 16 | (pixels[k + 1] & 0xff) << 8 | (pixels[k] & 0xff);
    }

    /** The palette entry nearest to {@code rgb}, never the transparent one. */
    private static int nearest(int rgb, List<Integer> palette, Integer key) {
        int best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int p = 0; p < palette.size(); p++) {
            int c = palette.get(p);
            if (key != null && c == key) continue;
            long dr = (c >> 16 & 0xff) - (rgb >> 16 & 0xff), dg = (c >> 8 & 0xff) - (rgb >> 8 & 0xff), db = (c & 0xff) - (rgb & 0xff);
            long d = dr * dr + dg * dg + db * db;
            if (d < bestDistance) {
                bestDistance = d;
                best = p;
            }
        }
        return best;
    }
}
