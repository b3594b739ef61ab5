package mlp.plot;

import mlp.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.IntConsumer;

/**
 * PNG and animated GIF files, written atomically: a failure part-way leaves no half-written file.
 */
final class PictureFiles {
    private PictureFiles() {
    }

    /**
     * GIF delays count hundredths of a second, and browsers play any delay under 2 of them at
     * 10 (a 5 ms frame would crawl at 100 ms): so a GIF frame lasts at least 20 ms.
     */
    static final int MIN_GIF_DELAY_MS = 20;

    static void png(Drawing chart, Path target) {
        BufferedImage image = image(chart);
        AtomicFiles.write(target, out -> png(image, out));
    }

    /** The chart as the bytes of a PNG file (for a host's {@link PictureSink}). */
    static byte[] pngBytes(Drawing chart) {
        return bytes(out -> png(image(chart), out));
    }

    private static BufferedImage image(Drawing chart) {
        BufferedImage image = new BufferedImage(chart.width(), chart.height(), BufferedImage.TYPE_INT_RGB);
        draw(chart, image);
        return image;
    }

    static void png(BufferedImage image, OutputStream out) throws IOException {
        if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG writer");
    }

    /** What a writer writes, in memory. */
    static byte[] bytes(AtomicFiles.Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // memory does not fail; a PNG writer missing would
        }
        return out.toByteArray();
    }

    /** The GIF frame delay, in ms, for an animation of {@code durationMs} per frame. */
    static int gifDelay(double durationMs) {
        int cs = (int) Math.round(Math.max(durationMs, MIN_GIF_DELAY_MS) / 10.0);
        return cs * 10;
    }

    /**
     * A looping animated GIF of {@code frames} frames of {@code chart}: {@code showFrame} puts
     * frame k on the chart, which is then drawn. Every frame is the whole picture, so any frame
     * alone shows the chart. The palette comes from the first and the last frame (drawn first).
     * Frames are drawn on this thread and compressed on another, two at a time in two buffers, so
     * memory stays at a few images.
     */
    static void gif(Drawing chart, int frames, IntConsumer showFrame, double durationMs, Path target) {
        AtomicFiles.write(target, out -> gif(chart, frames, showFrame, durationMs, out));
    }

    /** The same GIF, written to {@code out}. */
    static void gif(Drawing chart, int frames, IntConsumer showFrame, double durationMs, OutputStream out) throws IOException {
        int w = chart.width(), h = chart.height();
        BufferedImage[] images = {new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB)};
        int[][] pixels = {pixels(images[0]), pixels(images[1])};
        showFrame.accept(frames - 1);
        draw(chart, images[1]);
        showFrame.accept(0);
        draw(chart, images[0]);
        ChartPalette palette = ChartPalette.of(pixels[0], pixels[1]);
        ChartGifEncoder gif = new ChartGifEncoder(palette, w, h, gifDelay(durationMs));
        if (!gif.start(out)) throw new IOException("cannot start the GIF");
        byte[][] indices = {new byte[w * h], new byte[w * h]};
        try (FrameCompressor compressor = new FrameCompressor(gif)) {
            for (int k = 0; k < frames; k++) {
                mlp.tensor.Interrupt.check(); // a cancel stops between frames: the temporary file goes, the old file stays
                int now = k % 2, before = 1 - now; // frame k is drawn into buffer k % 2
                compressor.await(now); // frame k - 2 is written: its buffer is free
                if (k > 0) {
                    showFrame.accept(k);
                    draw(chart, images[now]);
                }
                palette.index(pixels[now], indices[now], k > 0 ? pixels[before] : null, indices[before]);
                compressor.write(now, indices[now]);
            }
            compressor.awaitAll();
        }
        gif.end();
    }

    private static int[] pixels(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    /** Draws the chart into {@code image} (as XChart's BitmapEncoder does, without a new image each time). */
    static void draw(Drawing chart, BufferedImage image) {
        Graphics2D g = image.createGraphics();
        try {
            chart.paint(g, chart.width(), chart.height());
        } finally {
            g.dispose();
        }
    }

    /** A file name made from a title: letters, digits, '-', '_' and '.'; anything else becomes '_'. */
    static String safeName(String title, String fallback) {
        String t = title == null ? "" : title.strip();
        String name = t.replaceAll("[^\\p{L}\\p{N}._-]+", "_").replaceAll("^[._]+|_+$", "");
        if (name.length() > 120) name = name.substring(0, 120);
        return name.isEmpty() ? fallback : name;
    }
}
