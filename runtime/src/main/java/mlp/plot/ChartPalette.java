package mlp.plot;

import java.util.Arrays;

/**
 * One palette for every frame of a chart's GIF. A chart is a few flat colours plus anti-aliased
 * edges, and its frames share everything but the moving points and the caption: so the palette
 * is the most used colours of sample frames (the first and the last), kept exactly, and any other
 * colour is drawn in the nearest of them (found once, then remembered). The same colour is the
 * same index in every frame, so what stays still in the chart stays still in the GIF.
 * (animated-gif-lib's NeuQuant is made for photographs: on charts it tints grey text and the white
 * background, and it is slow.)
 */
final class ChartPalette {
    /**
     * 32 colours, no two of them closer than 28 (in RGB, 0-255 a channel), draw a chart as well
     * as 256 do (its edges are smoothed a few steps fewer) and make each frame a third smaller:
     * GIF's compression finds longer repeats in fewer colours.
     */
    static final int MAX_COLORS = 32;
    static final int MIN_DISTANCE = 28 * 28;

    private final int[] colors;
    private final int depth;
    private final ColorMap indexOf = new ColorMap();

    private ChartPalette(int[] colors) {
        this.colors = colors;
        int bits = 1; // 2^bits entries: no more than needed
        while ((1 << bits) < colors.length) bits++;
        depth = bits;
        for (int i = 0; i < colors.length; i++) indexOf.put(colors[i], i);
    }

    /**
     * The most used colours of these frames (0xRRGGBB pixels; the high byte is ignored), at most
     * {@link #MAX_COLORS}, none closer than {@link #MIN_DISTANCE} to a more used one (so that a
     * rarer but distinct colour, such as the text's, gets its place).
     */
    static ChartPalette of(int[]... frames) {
        ColorMap counts = new ColorMap();
        for (int[] frame : frames)
            for (int i = 0, j; i < frame.length; i = j) { // a run of one colour at a time
                int rgb = frame[i] & 0xffffff;
                for (j = i + 1; j < frame.length && (frame[j] & 0xffffff) == rgb; j++) { }
                counts.add(rgb, j - i);
            }
        long[] byUse = new long[counts.size()]; // count << 24 | colour, sorted: most used last
        int n = 0;
        for (int slot = 0; slot < counts.capacity(); slot++)
            if (counts.occupied(slot)) byUse[n++] = (long) counts.valueAt(slot) << 24 | counts.keyAt(slot);
        Arrays.sort(byUse);
        int[] colors = new int[Math.max(1, Math.min(MAX_COLORS, n))];
        int size = 0;
        for (int i = n - 1; i >= 0 && size < colors.length; i--) {
            int c = (int) (byUse[i] & 0xffffff);
            boolean far = true;
            for (int j = 0; j < size && far; j++) far = distance(colors[j], c) >= MIN_DISTANCE;
            if (far) colors[size++] = c;
        }
        return new ChartPalette(Arrays.copyOf(colors, Math.max(1, size)));
    }

    /** Bits per index: the colour table holds 2^depth entries. */
    int depth() {
        return depth;
    }

    /** The GIF colour table: 2^depth RGB triples (unused ones black). */
    byte[] table() {
        byte[] t = new byte[3 << depth];
        for (int i = 0; i < colors.length; i++) {
            t[3 * i] = (byte) (colors[i] >> 16);
            t[3 * i + 1] = (byte) (colors[i] >> 8);
            t[3 * i + 2] = (byte) colors[i];
        }
        return t;
    }

    /**
     * Each pixel's palette index. Given the frame before ({@code before}, and its
     * {@code beforeIndices}), a pixel that has not changed keeps its index without a look-up; so
     * do runs of one colour.
     */
    void index(int[] pixels, byte[] indices, int[] before, byte[] beforeIndices) {
        int previous = -1;
        byte at = 0;
        for (int i = 0; i < pixels.length; i++) {
            int rgb = pixels[i] & 0xffffff;
            if (rgb != previous) {
                previous = rgb;
                if (before != null && rgb == (before[i] & 0xffffff)) {
                    at = beforeIndices[i];
                } else {
                    int found = indexOf.get(rgb);
                    if (found < 0) {
                        found = nearest(rgb);
                        indexOf.put(rgb, found);
                    }
                    at = (byte) found;
                }
            }
            indices[i] = at;
        }
    }

    /** The squared distance of two colours in RGB. */
    static int distance(int a, int b) {
        int dr = (a >> 16 & 0xff) - (b >> 16 & 0xff), dg = (a >> 8 & 0xff) - (b >> 8 & 0xff), db = (a & 0xff) - (b & 0xff);
        return dr * dr + dg * dg + db * db;
    }

    private int nearest(int rgb) {
        int best = 0, bestDistance = Integer.MAX_VALUE;
        for (int i = 0; i < colors.length; i++) {
            int d = distance(colors[i], rgb);
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    /** An open-addressing map from 0xRRGGBB colours to ints (no boxing: a frame has 360,000 pixels). */
    static final class ColorMap {
        private static final int FILLED = 1 << 24;
        private int[] keys = new int[1024]; // colour | FILLED, 0 = empty slot
        private int[] values = new int[1024];
        private int size;

        int get(int rgb) {
            int slot = find(rgb);
            return keys[slot] == 0 ? -1 : values[slot];
        }

        void put(int rgb, int value) {
            int slot = find(rgb);
            if (keys[slot] == 0) {
                keys[slot] = rgb | FILLED;
                if (++size * 2 > keys.length) {
                    values[slot] = value;
                    grow();
                    return;
                }
            }
            values[slot] = value;
        }

        void add(int rgb, int amount) {
            int slot = find(rgb);
            if (keys[slot] != 0) values[slot] += amount;
            else put(rgb, amount);
        }

        int size() {
            return size;
        }

        int capacity() {
            return keys.length;
        }

        boolean occupied(int slot) {
            return keys[slot] != 0;
        }

        int keyAt(int slot) {
            return keys[slot] & 0xffffff;
        }

        int valueAt(int slot) {
            return values[slot];
        }

        private int find(int rgb) {
            int mask = keys.length - 1, key = rgb | FILLED;
            int slot = (rgb * 0x9E3779B1) >>> 7 & mask;
            while (keys[slot] != 0 && keys[slot] != key) slot = (slot + 1) & mask;
            return slot;
        }

        private void grow() {
            int[] oldKeys = keys, oldValues = values;
            keys = new int[oldKeys.length * 2];
            values = new int[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++)
                if (oldKeys[i] != 0) {
                    int slot = find(oldKeys[i] & 0xffffff);
                    keys[slot] = oldKeys[i];
                    values[slot] = oldValues[i];
                }
        }
    }
}
