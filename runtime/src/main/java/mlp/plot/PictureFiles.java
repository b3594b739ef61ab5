package mlp.plot;

import com.madgag.gif.fmsware.AnimatedGifEncoder;
import mlp.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
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
        BufferedImage image = new BufferedImage(chart.width(), chart.height(), BufferedImage.TYPE_INT_RGB);
        draw(chart, image);
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG writer");
        });
    }

    /** The GIF frame delay, in ms, for an animation of {@code durationMs} per frame. */
    static int gifDelay(double durationMs) {
        int cs = (int) Math.round(Math.max(durationMs, MIN_GIF_DELAY_MS) / 10.0);
        return cs * 10;
    }

    /**
     * The colour that marks a pixel unchanged since the previous frame (drawn transparent, so the
     * previous frame shows through). No chart draws it.
     */
    static final Color UNCHANGED = new Color(255, 0, 254);

    /**
     * A looping animated GIF of {@code frames} frames of {@code chart}: {@code showFrame} puts
     * frame k on the chart, which is then drawn. After the first frame only the pixels that changed
     * are written (the rest is transparent over the previous frame), which keeps the file a few
     * kilobytes a frame. Frames are drawn one at a time, so memory stays at a few images.
     */
    static void gif(Drawing chart, int frames, IntConsumer showFrame, double durationMs, Path target) {
        AtomicFiles.write(target, out -> {
            AnimatedGifEncoder gif = new ChartGifEncoder();
            gif.setRepeat(0); // loop forever
            gif.setDelay(gifDelay(durationMs));
            gif.setDispose(1); // each frame stays under the next
            gif.setQuality(10);
            if (!gif.start(out)) throw new IOException("cannot start the GIF");
            int w = chart.width(), h = chart.height();
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            BufferedImage changes = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            int[] now = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            int[] diff = ((DataBufferInt) changes.getRaster().getDataBuffer()).getData();
            int[] before = new int[now.length];
            int unchanged = UNCHANGED.getRGB() & 0xffffff;
            for (int k = 0; k < frames; k++) {
                mlp.tensor.Interrupt.check(); // a cancel stops between frames: the temporary file goes, the old file stays
                showFrame.accept(k);
                draw(chart, image);
                BufferedImage frame = image;
                gif.setTransparent(null);
                if (k > 0) {
                    boolean same = false;
                    for (int i = 0; i < now.length; i++) {
                        if ((now[i] & 0xffffff) == (before[i] & 0xffffff)) {
                            diff[i] = unchanged;
                            same = true;
                        } else {
                            diff[i] = now[i];
                        }
                    }
                    if (same) {
                        frame = changes;
                        gif.setTransparent(UNCHANGED);
                    }
                }
                System.arraycopy(now, 0, before, 0, now.length);
                if (!gif.addFrame(frame)) throw new IOException("cannot write frame " + k);
            }
            if (!gif.finish()) throw new IOException("cannot finish the GIF");
        });
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
