package mlp.tensor.product;

/**
 * The pure-Java matrix product, always available: C is cut into blocks (at most {@link #MC} rows
 * by {@link #NC} columns), one task each, run in parallel by {@link Workers}. A task walks the
 * inner dimension in steps of {@link #KC}: it copies ("packs") its part of op(A) and op(B) into
 * strips the {@link Kernel} reads in order, then adds tile after tile into C.
 *
 * <p>The blocks depend only on the shapes, and every element of C is summed over the same
 * KC-steps in the same order by whichever thread owns its block: the same bits with one thread
 * or many, run after run.
 */
public final class JavaProduct implements MatrixProduct {
    /** Steps of the inner dimension: a packed strip of B (KC × nr) stays in the first-level cache. */
    static final int KC = 256;
    /** Rows of C per block, at most: the packed block of A (MC × KC) stays in the second-level cache. */
    static final int MC = 96;
    /** Columns of C per block, at most. */
    static final int NC = 512;
    /** Products of fewer multiply-adds than this run on the calling thread alone. */
    static final long PARALLEL_WORK = 1L << 18;
    /** Blocks wanted, at least, so that two or more cores have about equal shares. */
    private static final int MIN_TASKS = 8;

    private final Kernel kernel;
    private final ThreadLocal<double[][]> buffers;

    JavaProduct(Kernel kernel) {
        this.kernel = kernel;
        int packA = roundUp(MC, kernel.mr) * KC, packB = roundUp(NC, kernel.nr) * KC;
        this.buffers = ThreadLocal.withInitial(() -> new double[][]{new double[packA], new double[packB]});
    }

    /** With the given tile kernel (tests and benchmarks compare them). */
    static JavaProduct withKernel(Kernel kernel) {
        return new JavaProduct(kernel);
    }

    /** With the Vector API's kernel when the JVM has the module, else the plain one (no warning either way). */
    public static JavaProduct create() {
        Kernel vector = vectorKernelOrNull();
        return new JavaProduct(vector != null ? vector : new ScalarKernel());
    }

    /** The Vector API's kernel, or null when the module is absent or brings no SIMD. */
    static Kernel vectorKernelOrNull() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return null;
        try {
            return VectorKernel.worthwhile() ? new VectorKernel() : null;
        } catch (LinkageError e) {
            return null;
        }
    }

    @Override
    public String describe() {
        return "pure Java (" + kernel.describe() + ")";
    }

    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k, double[] a, int lda, double[] b, int ldb,
                         double[] c, int ldc, boolean accumulate, int threads, Runnable cancelCheck) {
        if (m == 0 || n == 0) return;
        int tasksN = ceilDiv(n, NC);
        int wantM = Math.max(1, ceilDiv(MIN_TASKS, tasksN));
        int mc = Math.min(roundUp(MC, kernel.mr), roundUp(ceilDiv(m, wantM), kernel.mr));
        int tasksM = ceilDiv(m, mc);
        int nc = ceilDiv(n, tasksN);
        nc = tasksN == 1 ? n : roundUp(nc, kernel.nr);
        tasksN = ceilDiv(n, nc);
        int columns = tasksN, blockRows = mc, blockCols = nc;
        long work = (long) m * n * k;
        Workers.run(tasksM * tasksN, work < PARALLEL_WORK ? 1 : threads, t -> {
            int i0 = (t / columns) * blockRows, j0 = (t % columns) * blockCols;
            block(transA, transB, i0, Math.min(blockRows, m - i0), j0, Math.min(blockCols, n - j0), k,
                    a, lda, b, ldb, c, ldc, accumulate);
        }, cancelCheck);
    }

    /** One block of C: rows i0 to i0+rows, columns j0 to j0+cols. */
    private void block(boolean transA, boolean transB, int i0, int rows, int j0, int cols, int k,
                       double[] a, int lda, double[] b, int ldb, double[] c, int ldc, boolean accumulate) {
        if (!accumulate) for (int i = 0; i < rows; i++) java.util.Arrays.fill(c, (i0 + i) * ldc + j0, (i0 + i) * ldc + j0 + cols, 0);
        double[][] buf = buffers.get();
        double[] ap = buf[0], bp = buf[1];
        int mr = kernel.mr, nr = kernel.nr;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            packB(transB, b, ldb, p0, kc, j0, cols, bp);
            packA(transA, a, lda, i0, rows, p0, kc, ap);
            for (int s = 0; s < cols; s += nr) {
                int bo = (s / nr) * kc * nr, w = Math.min(nr, cols - s);
                for (int r = 0; r < rows; r += mr) {
                    kernel.tile(kc, ap, (r / mr) * kc * mr, bp, bo, c, (i0 + r) * ldc + j0 + s, ldc, Math.min(mr, rows - r), w);
                }
            }
        }
    }

    /** op(A)'s rows i0..i0+rows, columns p0..p0+kc into strips of mr rows: (i, p) at strip × kc × mr + p × mr + i. */
    private void packA(boolean trans, double[] a, int lda, int i0, int rows, int p0, int kc, double[] ap) {
        int mr = kernel.mr;
        for (int r = 0; r < rows; r += mr) {
            int base = (r / mr) * kc * mr, h = Math.min(mr, rows - r);
            for (int i = 0; i < mr; i++) {
                if (i >= h) {
                    for (int p = 0; p < kc; p++) ap[base + p * mr + i] = 0;
                } else if (trans) { // op(A)(row, p) = a[p × lda + row]
                    int row = i0 + r + i;
                    for (int p = 0; p < kc; p++) ap[base + p * mr + i] = a[(p0 + p) * lda + row];
                } else {
                    int from = (i0 + r + i) * lda + p0;
                    for (int p = 0; p < kc; p++) ap[base + p * mr + i] = a[from + p];
                }
            }
        }
    }

    /** op(B)'s rows p0..p0+kc, columns j0..j0+cols into strips of nr columns: (p, j) at strip × kc × nr + p × nr + j. */
    private void packB(boolean trans, double[] b, int ldb, int p0, int kc, int j0, int cols, double[] bp) {
        int nr = kernel.nr;
        for (int s = 0; s < cols; s += nr) {
            int base = (s / nr) * kc * nr, w = Math.min(nr, cols - s);
            if (!trans) {
                for (int p = 0; p < kc; p++) {
                    int from = (p0 + p) * ldb + j0 + s, to = base + p * nr;
                    System.arraycopy(b, from, bp, to, w);
                    for (int j = w; j < nr; j++) bp[to + j] = 0;
                }
            } else { // op(B)(p, col) = b[col × ldb + p]
                for (int j = 0; j < nr; j++) {
                    if (j >= w) {
                        for (int p = 0; p < kc; p++) bp[base + p * nr + j] = 0;
                    } else {
                        int from = (j0 + s + j) * ldb + p0;
                        for (int p = 0; p < kc; p++) bp[base + p * nr + j] = b[from + p];
                    }
                }
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static int roundUp(int x, int multiple) {
        return ceilDiv(x, multiple) * multiple;
    }
}
