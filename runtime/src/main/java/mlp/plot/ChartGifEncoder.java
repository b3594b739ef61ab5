package mlp.plot;

import com.madgag.gif.fmsware.AnimatedGifEncoder;

import java.awt.image.BufferedImage;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * animated-gif-lib's encoder (it writes the GIF's blocks: screen, loop, delays) with what a chart
 * needs instead of its photograph-minded steps: frames come already reduced to one
 * {@link ChartPalette} (the global colour table; no local ones, no per-frame quantising, no copy
 * of each frame into a new image) and are compressed by a faster {@link Lzw}. Every frame is a
 * whole picture: no transparency, no partial frames, so any frame alone is the chart.
 */
final class ChartGifEncoder extends AnimatedGifEncoder {
    /** The library takes frames as images, but only reads their size, set here beforehand. */
    private final BufferedImage pixelsComeAsIndices = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);

    private final Lzw lzw = new Lzw();
    private byte[] indices;
    private IOException failure;

    ChartGifEncoder(ChartPalette palette, int width, int height, int delayMs) {
        setSize(width, height);
        setDelay(delayMs);
        setRepeat(0); // loop forever
        setDispose(1); // each frame stays until the next covers it
        colorTab = palette.table();
        colorDepth = palette.depth();
        palSize = colorDepth - 1;
    }

    /** Starts the file on {@code out}, remembering the first write error (the library swallows it). */
    @Override
    public boolean start(OutputStream out) {
        return super.start(new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                try {
                    out.write(b);
                } catch (IOException e) {
                    throw remember(e);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw remember(e);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw remember(e);
                }
            }
        });
    }

    private IOException remember(IOException e) {
        if (failure == null) failure = e;
        return e;
    }

    /** Writes the next frame: width × height palette indices, row by row. */
    void addFrame(byte[] frame) throws IOException {
        indices = frame;
        boolean ok = addFrame(pixelsComeAsIndices);
        indices = null;
        if (!ok) throw failure != null ? failure : new IOException("cannot write a frame");
    }

    /** Ends the file. */
    void end() throws IOException {
        if (!finish()) throw failure != null ? failure : new IOException("cannot finish the GIF");
    }

    @Override
    protected void getImagePixels() {
        // the frame's pixels are the indices given to addFrame(byte[])
    }

    @Override
    protected void analyzePixels() {
        indexedPixels = indices;
    }

    /** Every frame uses the global colour table (the library gives later frames a local one). */
    @Override
    protected void writeImageDesc() throws IOException {
        out.write(0x2c); // image separator
        writeShort(0);
        writeShort(0);
        writeShort(width);
        writeShort(height);
        out.write(0); // no local colour table, not interlaced
    }

    /** The global colour table, once, as it is (the library pads it to 256 colours). */
    @Override
    protected void writePalette() throws IOException {
        if (firstFrame) out.write(colorTab, 0, colorTab.length);
    }

    @Override
    protected void writePixels() throws IOException {
        lzw.encode(indexedPixels, width * height, colorDepth, out);
    }
}
