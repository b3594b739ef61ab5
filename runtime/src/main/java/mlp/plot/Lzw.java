package mlp.plot;

import java.io.IOException;
import java.io.OutputStream;

/**
 * GIF's LZW compression of one frame's palette indices, written as the frame's image data (the
 * minimum code size, then 255-byte sub-blocks, then the empty block). The dictionary is a direct
 * table, {@code child[pixel << 12 | code]}, instead of compress's hash table (which
 * animated-gif-lib's LZWEncoder uses): one load a pixel, no probing, and the entries of a chart's
 * few common colours (white first) lie close together in the cache. A full dictionary starts
 * again after a clear code, as in every GIF encoder: the codes are the same as the library's (its
 * sub-blocks hold 254 bytes, these 255).
 * One encoder serves every frame of a file (its 2 MB table is allocated once and cleared entry by
 * entry).
 */
final class Lzw {
    private static final int MAX_CODES = 4096;

    /** The code for (code, pixel), 0 for none (no string ever gets code 0: that is a pixel's). */
    private final char[] child = new char[MAX_CODES << 8];
    /** The entries of {@code child} set since the last clear, to clear them again. */
    private final int[] filled = new int[MAX_CODES];
    private final byte[] block = new byte[256];
    private int blockLength;
    private long bits;
    private int bitCount;
    private OutputStream out;

    /** Writes {@code n} pixels (palette indices below 2^depth) as a frame's LZW image data. */
    void encode(byte[] pixels, int n, int depth, OutputStream out) throws IOException {
        this.out = out;
        int minCodeSize = Math.max(2, depth);
        out.write(minCodeSize);
        int clear = 1 << minCodeSize, first = clear + 2;
        int size = minCodeSize + 1;
        int next = first;
        blockLength = 0;
        bits = 0;
        bitCount = 0;
        emit(clear, size);
        int prefix = n == 0 ? 0 : pixels[0] & 0xff;
        for (int i = 1; i < n; i++) {
            int pixel = pixels[i] & 0xff;
            int slot = pixel << 12 | prefix;
            int code = child[slot];
            if (code != 0) {
                prefix = code;
                continue;
            }
            emit(prefix, size);
            if (next >= (1 << size) && size < 12) size++;
            if (next < MAX_CODES) {
                child[slot] = (char) next;
                filled[next++] = slot;
            } else { // the dictionary is full: start a new one
                emit(clear, size);
                forget(first, next);
                size = minCodeSize + 1;
                next = first;
            }
            prefix = pixel;
        }
        if (n > 0) emit(prefix, size);
        if (next >= (1 << size) && size < 12) size++;
        emit(clear + 1, size); // end of information
        forget(first, next);
        if (bitCount > 0) put((byte) bits);
        if (blockLength > 0) writeBlock();
        out.write(0);
        this.out = null;
    }

    private void forget(int first, int next) {
        for (int c = first; c < next; c++) child[filled[c]] = 0;
    }

    /** Appends a code of {@code size} bits, least significant bit first. */
    private void emit(int code, int size) throws IOException {
        bits |= (long) code << bitCount;
        bitCount += size;
        while (bitCount >= 8) {
            put((byte) bits);
            bits >>>= 8;
            bitCount -= 8;
        }
    }

    private void put(byte b) throws IOException {
        block[++blockLength] = b;
        if (blockLength == 255) writeBlock();
    }

    private void writeBlock() throws IOException {
        block[0] = (byte) blockLength;
        out.write(block, 0, blockLength + 1);
        blockLength = 0;
    }
}
