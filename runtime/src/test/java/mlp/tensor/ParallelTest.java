package mlp.tensor;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The elementwise passes of large tensors give the same bits on 1 and 2 threads, and the bits of
 * the plain loop (sums over every element: the sum of fixed blocks, added in block order). The
 * sizes are above the split and not multiples of a block.
 */
class ParallelTest {
    /** 401×613 = 245813 elements: 7.5 blocks, rows of an odd width, 2.4 strips of columns. */
    static final int ROWS = 401, COLS = 613;

    private final Random random = new Random(11);

    private DMatrixRMaj random(int r, int c) {
        DMatrixRMaj m = new DMatrixRMaj(r, c);
        // magnitudes from 1e-3 to 1e3, so that the order of a sum shows in its last bits
        for (int i = 0; i < m.data.length; i++)
            m.data[i] = random.nextInt(7) == 0 ? 0 : random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3);
        return m;
    }

    /** What {@code work} gives on {@code threads} threads. */
    static <T> T on(int threads, Supplier<T> work) {
        return Budget.DEFAULT.withThreads(threads).during(work);
    }

    /** The same on 1 and 2 threads (bit for bit), and that result. */
    static double[] sameOnOneAndTwoThreads(String what, Supplier<double[]> work) {
        double[] one = on(1, work), two = on(2, work);
        assertBits(one, two, what + ": 1 and 2 threads");
        return two;
    }

    static void assertBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++)
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i]))
                assertEquals(expected[i], actual[i], what + " at " + i + " (bits differ)");
    }

    /** The sum the reductions promise: each block of {@link Parallel#BLOCK} added in order, then the blocks' sums in order. */
    static double blockSum(double[] x, int n) {
        if (n <= Parallel.BLOCK) {
            double s = 0;
            for (int i = 0; i < n; i++) s += x[i];
            return s;
        }
        double total = 0;
        for (int from = 0; from < n; from += Parallel.BLOCK) {
            double s = 0;
            for (int i = from; i < Math.min(n, from + Parallel.BLOCK); i++) s += x[i];
            total += s;
        }
        return total;
    }

    @Test
    void theSizesHereAreSplit() {
        assertTrue(Parallel.splits((long) ROWS * COLS) && (ROWS * COLS) % Parallel.BLOCK != 0);
        assertTrue(!Parallel.splits(300 * 2), "the tutorial's 300×2 runs as one range");
    }

    @Test
    void everyIndexIsVisitedOnceAndASmallPassIsOneRange() {
        int n = 5 * Parallel.BLOCK + 77;
        int[] hits = on(2, () -> {
            int[] h = new int[n];
            Parallel.forRange(n, (from, to) -> {
                for (int i = from; i < to; i++) h[i]++;
            });
            return h;
        });
        for (int i = 0; i < n; i++) assertEquals(1, hits[i], "index " + i);
        List<String> calls = new ArrayList<>();
        on(2, () -> {
            Parallel.forRange(600, (from, to) -> calls.add(from + ".." + to));
            Parallel.forRows(300, 2, (from, to) -> calls.add(from + ".." + to));
            return null;
        });
        assertEquals(List.of("0..600", "0..300"), calls);
    }

    @Test
    void aSumIsTheSumOfFixedBlocksOnAnyNumberOfThreads() {
        double[] x = random(1, 5 * Parallel.BLOCK + 1234).data;
        for (int n : new int[]{x.length, Parallel.MIN_ELEMENTS - 3, Parallel.BLOCK + 5, Parallel.BLOCK, 1000, 0}) {
            double[] sum = sameOnOneAndTwoThreads("sum of " + n, () -> new double[]{Parallel.sum(n, (from, to) -> {
                double s = 0;
                for (int i = from; i < to; i++) s += x[i];
                return s;
            })});
            assertBits(new double[]{blockSum(x, n)}, sum, "sum of " + n);
        }
    }

    @Test
    void binaryKernelsOnLargeTensorsGiveThePlainLoopsBits() {
        int[][] shapes = {{ROWS, COLS}, {1, COLS}, {ROWS, 1}, {1, 1}};
        DMatrixRMaj full = random(ROWS, COLS), other = random(ROWS, COLS);
        for (Kernels.Binary op : Kernels.Binary.values()) {
            for (int[] sa : shapes) {
                for (int[] sb : shapes) {
                    if (sa[0] * sa[1] < ROWS * COLS && sb[0] * sb[1] < ROWS * COLS && (sa[0] == 1) == (sb[0] == 1)) continue; // small
                    DMatrixRMaj a = sa[0] == ROWS && sa[1] == COLS ? full : random(sa[0], sa[1]);
                    DMatrixRMaj b = sb[0] == ROWS && sb[1] == COLS ? other : random(sb[0], sb[1]);
                    int[] shape = Shapes.broadcast("op", a, b);
                    DMatrixRMaj general = new DMatrixRMaj(shape[0], shape[1]);
                    Kernels.broadcast(a, b, general, KernelsTest.reference(op)); // one plain loop
                    String what = op + " " + Shapes.of(a) + " " + Shapes.of(b);
                    assertBits(general.data, sameOnOneAndTwoThreads(what, () -> {
                        DMatrixRMaj out = new DMatrixRMaj(shape[0], shape[1]);
                        Kernels.elementwise(op, a, b, out);
                        return out.data;
                    }), what);
                }
            }
        }
    }

    @Test
    void unaryKernelsOnLargeTensorsGiveTheMathFunctionsBits() {
        DMatrixRMaj a = random(ROWS, COLS);
        a.data[5] = -0.0;
        a.data[Parallel.BLOCK + 1] = Double.NaN;
        for (Kernels.Unary f : Kernels.Unary.values()) {
            DoubleUnaryOperator ref = KernelsTest.reference(f);
            double[] expected = new double[a.data.length];
            for (int i = 0; i < expected.length; i++) expected[i] = ref.applyAsDouble(a.data[i]);
            assertBits(expected, sameOnOneAndTwoThreads(f.name(), () -> {
                DMatrixRMaj out = new DMatrixRMaj(ROWS, COLS);
                Kernels.map(f, a, out);
                return out.data;
            }), f.name());
        }
    }

    @Test
    void gradientsSummedDownToAStretchedShapeGiveThePlainLoopsBits() {
        DMatrixRMaj g = random(ROWS, COLS);
        int[][] targets = {{ROWS, COLS}, {1, COLS}, {ROWS, 1}, {1, 1}};
        for (int[] shape : targets) {
            for (double sign : new double[]{1, -1}) {
                DMatrixRMaj start = random(shape[0], shape[1]);
                double[] expected = start.data.clone();
                boolean rowStretched = shape[0] == 1, colStretched = shape[1] == 1;
                if (rowStretched && colStretched) { // everything into one element: the fixed blocks' sum
                    double[] scaled = g.data.clone();
                    for (int i = 0; i < scaled.length; i++) scaled[i] *= sign;
                    expected[0] += blockSum(scaled, scaled.length);
                } else {
                    for (int r = 0; r < ROWS; r++)
                        for (int c = 0; c < COLS; c++)
                            expected[(rowStretched ? 0 : r * shape[1]) + (colStretched ? 0 : c)] += sign * g.data[r * COLS + c];
                }
                String what = "into " + shape[0] + "×" + shape[1] + ", sign " + sign;
                assertBits(expected, sameOnOneAndTwoThreads(what, () -> {
                    DMatrixRMaj target = start.copy();
                    Kernels.addReduced(g, target, sign);
                    return target.data;
                }), what);
            }
        }
    }

    @Test
    void largeTransposesMoveEveryElement() {
        DMatrixRMaj a = random(ROWS, COLS), start = random(COLS, ROWS);
        double[] moved = new double[a.data.length], added = start.data.clone();
        for (int r = 0; r < ROWS; r++)
            for (int c = 0; c < COLS; c++) {
                moved[c * ROWS + r] = a.data[r * COLS + c];
                added[c * ROWS + r] += a.data[r * COLS + c];
            }
        assertBits(moved, sameOnOneAndTwoThreads("transpose", () -> {
            DMatrixRMaj out = new DMatrixRMaj(COLS, ROWS);
            Kernels.transpose(a, out);
            return out.data;
        }), "transpose");
        assertBits(added, sameOnOneAndTwoThreads("addTransposed", () -> {
            DMatrixRMaj out = start.copy();
            Kernels.addTransposed(a, out);
            return out.data;
        }), "addTransposed");
    }

    @Test
    void aCancelStopsAPassAtTheNextBlock() {
        for (int threads : new int[]{1, 2}) {
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger(),
                    afterStop = new java.util.concurrent.atomic.AtomicInteger();
            Budget cancellable = new Budget(Limits.DEFAULT_MAX_ELEMENTS, threads, stop::get);
            mlp.MlpError e = org.junit.jupiter.api.Assertions.assertThrows(mlp.MlpError.class, () -> cancellable.during(() ->
                    Parallel.forRange(100 * Parallel.BLOCK, (from, to) -> {
                        if (stop.get()) afterStop.incrementAndGet();
                        if (started.incrementAndGet() == 10) stop.set(true); // cancelled while the 10th block runs
                    })));
            assertEquals("cancelled", e.plainMessage());
            // every thread looks before each block: at most the other thread's block, begun as the cancel came
            assertTrue(afterStop.get() <= threads - 1 && started.get() <= 10 + threads - 1,
                    threads + " threads: " + started + " blocks begun, " + afterStop + " after the cancel");
        }
    }

    @Test
    void onTwoThreadsAHelperRunsBlocks() throws Exception {
        // else the comparisons above would compare one thread with itself
        Thread caller = Thread.currentThread();
        java.util.concurrent.CountDownLatch helped = new java.util.concurrent.CountDownLatch(1);
        boolean[] first = {true};
        on(2, () -> {
            Parallel.forRange(8 * Parallel.BLOCK, (from, to) -> {
                if (Thread.currentThread() != caller) helped.countDown();
                else if (first[0]) { // the caller waits in its first block for the helper to take another
                    first[0] = false;
                    try {
                        helped.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
            });
            return null;
        });
        assertEquals(0, helped.getCount(), "a helper thread ran a block");
    }
}
