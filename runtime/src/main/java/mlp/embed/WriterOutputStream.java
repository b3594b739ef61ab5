package mlp.embed;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes in, characters out to a host's {@link Writer}: lets a Writer stand where the
 * runtime writes to a PrintStream (the progress bar). A character split between two writes is
 * kept until its last byte arrives. Closing it flushes the writer but does not close it.
 */
final class WriterOutputStream extends OutputStream {
    private final Writer out;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer bytes = ByteBuffer.allocate(1024);
    private final CharBuffer chars = CharBuffer.allocate(1024);

    WriterOutputStream(Writer out) {
        this.out = out;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, bytes.remaining());
            bytes.put(b, off, n);
            off += n;
            len -= n;
            bytes.flip();
            while (decoder.decode(bytes, chars, false).isOverflow()) drain();
            drain();
            bytes.compact(); // keeps the first bytes of a character not yet complete
        }
    }

    private void drain() throws IOException {
        chars.flip();
        out.write(chars.array(), chars.arrayOffset(), chars.remaining());
        chars.clear();
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
