package mlp.tensor;

import mlp.tensor.product.Workers;

import java.util.function.IntConsumer;

/**
 * Passes over the elements of large tensors, run in fixed blocks on the evaluation's cores
 * ({@link Budget#cores()}), its cancel looked at between blocks.
 *
 * <p>Small passes (fewer than {@link #MIN_ELEMENTS}) run as one range on the calling thread:
 * no block, no budget lookup, nothing allocated here. On a hot path of small tensors (the
 * tutorial's steps run a few microseconds) the caller asks {@link #splits} first and, when it
 * says no, runs its loop itself: a kernel its plain loop (no lambda capturing its arrays is made
 * per call), an autograd step the range it made once with its node, called from the step itself
 * (a call site that only sees that range, which the JIT inlines; the call in {@code forRange} is
 * shared by every range and is not). For relu's backward, with {@code len} elements:
 * <pre>{@code
 * Parallel.Range back = (from, to) -> {   // made once, with the node
 *     double[] x = a.value.data, g = n.grad().data, gx = a.grad().data;
 *     for (int i = from; i < to; i++) gx[i] += x[i] > 0 ? g[i] : 0;
 * };
 * n.backward(() -> {                       // run every step: nothing allocated when small
 *     if (Parallel.splits(len)) Parallel.forRange(len, back);
 *     else back.run(0, len);
 * });
 * }</pre>
 * A large pass allocates a few small objects per call (the block task, the workers' counters),
 * nothing next to the microseconds its blocks take.
 *
 * <p>The blocks do not depend on the number of threads, only on the size, so neither do the
 * results: an elementwise pass writes each element once whoever runs its block, and
 * {@link #sum} adds each block's sum, then the block sums in block order.
 *
 * <p>A body only reads and writes arrays: it runs on pooled helper threads too, which work for no
 * evaluation (an allocation's cap or a nested pass there would see the default {@link Budget}).
 */
public final class Parallel {
    private Parallel() {
    }

    /**
     * Elements per block: 256 KB of doubles an operand, so a block's operands stay in the cache
     * while it runs, a block of exp takes about 0.2 ms (the cancel's granularity), and a helper
     * thread's wake-up is paid once for many elements.
     */
    public static final int BLOCK = 1 << 15;

    /**
     * Passes over fewer elements run on the calling thread in one piece. Handing blocks to a helper
     * costs about 20 µs (BlockSizeBench: an add of 2^15 elements in four blocks on 2 threads took
     * 31 µs, in one loop 7 µs); at 2^17 an add takes about 35 µs, so a cheap pass about breaks
     * even here, while an exp (0.8 ms) already gains. One threshold for every pass: a cheap one
     * loses at most those 20 µs, a dear one gains up to half its time.
     */
    public static final int MIN_ELEMENTS = 1 << 17;

    /** Columns in a block of a pass down the columns ({@link #forColumns}): 2 KB of each row. */
    static final int STRIP = 256;

    /** A pass over the indices [from, to). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** The sum of a pass over the indices [from, to), added in index order. */
    @FunctionalInterface
    public interface Sum {
        double of(int from, int to);
    }

    /** True when a pass over this many elements is split into blocks (else it runs as one range). */
    public static boolean splits(long elements) {
        return elements >= MIN_ELEMENTS;
    }

    /** Runs {@code body} over [0, n): one range when small, else blocks of {@link #BLOCK} on the evaluation's cores. */
    public static void forRange(int n, Range body) {
        if (!splits(n)) {
            body.run(0, n);
            return;
        }
        blocks(count(n, BLOCK), i -> body.run(i * BLOCK, end(n, i, BLOCK)));
    }

    /**
     * Runs {@code body} over the rows [0, rows) of a rows×cols tensor: one range when small, else
     * blocks of whole rows (about {@link #BLOCK} elements each). For passes whose rows are
     * independent (a row broadcast, a sum across each row).
     */
    public static void forRows(int rows, int cols, Range body) {
        if (!splits((long) rows * cols)) {
            body.run(0, rows);
            return;
        }
        int per = Math.max(1, BLOCK / Math.max(1, cols));
        blocks(count(rows, per), i -> body.run(i * per, end(rows, i, per)));
    }

    /**
     * Runs {@code body} over the columns [0, cols) of a rows×cols tensor: one range when small,
     * else strips of {@link #STRIP} columns, each going down all the rows. For sums down the
     * columns: each column is still added row after row, so the bits are those of one loop.
     */
    public static void forColumns(int rows, int cols, Range body) {
        if (!splits((long) rows * cols)) {
            body.run(0, cols);
            return;
        }
        blocks(count(cols, STRIP), i -> body.run(i * STRIP, end(cols, i, STRIP)));
    }

    /**
     * The sum over [0, n): up to one {@link #BLOCK} it is {@code body.of(0, n)}; beyond, each block's
     * sum, then those added in block order (on the evaluation's cores when large), so the bits
     * depend on n alone, not on the threads.
     */
    public static double sum(int n, Sum body) {
        if (n <= BLOCK) return body.of(0, n);
        double[] partial = new double[count(n, BLOCK)];
        IntConsumer block = i -> partial[i] = body.of(i * BLOCK, end(n, i, BLOCK));
        if (splits(n)) blocks(partial.length, block);
        else for (int i = 0; i < partial.length; i++) block.accept(i);
        double s = 0;
        for (double p : partial) s += p;
        return s;
    }

    private static int count(int n, int per) {
        return (int) (((long) n + per - 1) / per);
    }

    // where block i of `per` ends (in long: the last block's nominal end may pass Integer.MAX_VALUE)
    private static int end(int n, int i, int per) {
        return (int) Math.min(n, (long) (i + 1) * per);
    }

    // the blocks on the evaluation's cores; its cancel is looked at before each block the caller takes
    private static void blocks(int count, IntConsumer block) {
        Budget budget = Budget.current();
        Workers.run(count, budget.cores(), block, budget::stopIfRequested);
    }
}
