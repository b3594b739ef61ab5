package mlp.plot;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Compresses and writes a GIF's frames on a thread of its own, in order, while the caller draws
 * the next frame (on two cores a GIF takes about as long as its compression alone). Frames are
 * handed over in two alternating buffers: {@link #await} says when a buffer is free again.
 */
final class FrameCompressor implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mlp-gif-writer");
        t.setDaemon(true);
        return t;
    });
    private final ChartGifEncoder gif;
    private final Future<?>[] inFlight = new Future<?>[2];

    FrameCompressor(ChartGifEncoder gif) {
        this.gif = gif;
    }

    /** Writes {@code frame} (palette indices) after the frames handed over before, from buffer {@code slot} (0 or 1). */
    void write(int slot, byte[] frame) {
        inFlight[slot] = thread.submit(() -> {
            gif.addFrame(frame);
            return null;
        });
    }

    /** Waits until the frame in buffer {@code slot} is written, and passes on its failure. */
    void await(int slot) throws IOException {
        Future<?> f = inFlight[slot];
        if (f == null) return;
        try {
            f.get();
            inFlight[slot] = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IOException(cause);
        }
    }

    /** Waits until every frame handed over is written. */
    void awaitAll() throws IOException {
        await(0);
        await(1);
    }

    /** Stops the thread (after a failure, the frames not yet written are dropped). */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
