package mlp.tensor.product;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The machine's BLAS {@code dgemm}, through dev.ludovic.netlib's JNI stub (the one Spark uses): the
 * stub opens {@code libblas.so.3}, which on Debian is whichever BLAS the alternatives system
 * points at (OpenBLAS when installed).
 *
 * <p>A large product runs as several calls, one per band of C's rows; the bands depend only on
 * the shapes, and a cancel is seen between them. OpenBLAS gives other bits with another number of
 * its own threads, so when it runs single-threaded ({@code OPENBLAS_NUM_THREADS=1}, which the
 * launcher sets) the bands are spread over mlp's threads by {@link Workers}: the same bits with one
 * thread or many. Otherwise (an embedding host that left OpenBLAS its own threads) the bands run
 * one after the other and OpenBLAS spreads each over its threads.
 */
public final class NativeProduct implements MatrixProduct {
    /**
     * Multiply-adds per band, at most: about a tenth of a second on a current core. Each band is a
     * call in which the BLAS packs all of B again, so smaller bands cost more: at 4000² bands of
     * 128 rows took 18% more CPU time than one call, bands of 256 rows 10% (bench/blas/README.md).
     */
    static final long BAND_WORK = 1L << 32;
    /** Bands wanted, at least (of 16 rows or more), so that two or more cores have about equal shares. */
    private static final int MIN_BANDS = 8;
    /** Whether OpenBLAS was told to use one thread, so that mlp's threads may call it side by side. */
    private static final boolean SINGLE_THREADED_LIBRARY = "1".equals(System.getenv("OPENBLAS_NUM_THREADS"));

    // kept here so the level set below stays in force (java.util.logging holds loggers weakly)
    private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib");

    private final BLAS blas;
    private final String library;

    private NativeProduct(BLAS blas, String library) {
        this.blas = blas;
        this.library = library;
    }

    /** The native product, or null when the stub or the library does not load (it logs nothing either way). */
    public static NativeProduct loadOrNull() {
        Level before = NETLIB_LOG.getLevel();
        NETLIB_LOG.setLevel(Level.OFF);
        try {
            BLAS blas = NativeBLAS.getInstance();
            double[] one = {1};
            double[] out = {0};
            blas.dgemm("N", "N", 1, 1, 1, 1.0, one, 1, one, 1, 0.0, out, 1); // the library answers
            return out[0] == 1 ? new NativeProduct(blas, loadedLibrary()) : null;
        } catch (RuntimeException | LinkageError e) {
            return null;
        } finally {
            NETLIB_LOG.setLevel(before);
        }
    }

    /** The file the BLAS was loaded from, as the process's memory map names it (Linux), else its usual name. */
    private static String loadedLibrary() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int at = line.indexOf('/');
                if (at < 0) continue;
                String file = line.substring(at);
                String name = Path.of(file).getFileName().toString();
                if ((name.startsWith("libblas") || name.contains("openblas") || name.contains("mkl")) && !name.contains("jni"))
                    return Path.of(file).toRealPath().toString();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: the usual name will do
        }
        return "libblas.so.3";
    }

    @Override
    public String describe() {
        return "native BLAS (" + library + (SINGLE_THREADED_LIBRARY ? ")" : ", its own threads)");
    }

    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k, double[] a, int lda, double[] b, int ldb,
                         double[] c, int ldc, boolean accumulate, int threads, Runnable cancelCheck) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            if (!accumulate) for (int i = 0; i < m; i++) java.util.Arrays.fill(c, i * ldc, i * ldc + n, 0);
            return;
        }
        // Row-major C = op(A) op(B) is column-major Cᵀ = op(B)ᵀ op(A)ᵀ: B's and A's arrays as they lie.
        long perRow = Math.max(1, (long) n * k);
        int forCancel = (int) Math.max(16, Math.min(m, BAND_WORK / perRow));
        int band = Math.min(forCancel, Math.max(16, (m + MIN_BANDS - 1) / MIN_BANDS));
        int bands = (m + band - 1) / band;
        Workers.run(bands, SINGLE_THREADED_LIBRARY ? threads : 1, i -> {
            int r0 = i * band, rows = Math.min(band, m - r0);
            int aOffset = transA ? r0 : r0 * lda;
            blas.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, rows, k, 1.0, b, 0, ldb, a, aOffset, lda,
                    accumulate ? 1.0 : 0.0, c, r0 * ldc, ldc);
        }, cancelCheck);
    }
}
