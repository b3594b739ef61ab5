package mlp.tensor;

import mlp.tensor.product.JavaProduct;
import mlp.tensor.product.MatrixProduct;
import mlp.tensor.product.NativeProduct;

/**
 * The one door to matrix products: {@link #multiply} sends each product to the native BLAS when
 * it loaded and the product is large enough for the call to pay, else to the pure-Java product.
 *
 * <p>Which runs: {@code MLP_BLAS=java} (or the system property {@code mlp.blas=java}) keeps to
 * pure Java; {@code native} or nothing uses the machine's BLAS when it loads. The number of cores
 * is the evaluation's ({@link Budget#threads()}; default: all).
 */
public final class Products {
    private Products() {
    }

    /** Products of fewer multiply-adds than this stay in Java even when a native BLAS is there. */
    static final long NATIVE_WORK = 1L << 15;

    /** Loaded on first use, so a program of small products never touches the native library. */
    private static final class Chosen {
        static final JavaProduct JAVA = JavaProduct.create();
        static final String REQUEST = request();
        static final NativeProduct NATIVE = "java".equals(REQUEST) ? null : NativeProduct.loadOrNull();

        private static String request() {
            String v = System.getProperty("mlp.blas");
            if (v == null) v = System.getenv("MLP_BLAS");
            return v == null ? "" : v.trim().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The number of cores products use on this thread from now on (at least 1), for threads that
     * do work outside an interpreter's run (a Spark task, a benchmark): see {@link Budget#install()}.
     */
    public static void threads(int threads) {
        Budget.current().withThreads(Math.max(1, threads)).install();
    }

    /** The number of cores products of the current evaluation use. */
    public static int threads() {
        return Budget.current().cores();
    }

    /** {@code C (=|+=) op(A) op(B)}: see {@link MatrixProduct#multiply}; a cancelled evaluation stops it part-way. */
    public static void multiply(boolean transA, boolean transB, int m, int n, int k, double[] a, int lda, double[] b,
                                int ldb, double[] c, int ldc, boolean accumulate) {
        long work = (long) m * n * k;
        MatrixProduct p = Chosen.NATIVE != null && work >= NATIVE_WORK ? Chosen.NATIVE : Chosen.JAVA;
        Budget budget = Budget.current(); // its cores and its cancel go with the blocks to the worker threads
        p.multiply(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate, budget.cores(), budget::stopIfRequested);
    }

    /** The product large products get, in words: what {@code mlp --version} prints. */
    public static String describe() {
        String java = Chosen.JAVA.describe();
        if (Chosen.NATIVE != null) return Chosen.NATIVE.describe() + "; small products and fallback: " + java;
        if ("java".equals(Chosen.REQUEST)) return java + " (MLP_BLAS=java)";
        return java + ("native".equals(Chosen.REQUEST) ? " (MLP_BLAS=native, but no native BLAS loaded)" : " (no native BLAS loaded)");
    }

    /** The pure-Java product, whatever was chosen (for tests and benchmarks). */
    public static MatrixProduct java() {
        return Chosen.JAVA;
    }

    /** The native product, or null when it did not load or MLP_BLAS=java (for tests and benchmarks). */
    public static MatrixProduct nativeOrNull() {
        return Chosen.NATIVE;
    }
}
