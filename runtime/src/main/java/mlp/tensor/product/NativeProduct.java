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
 * <p>A large product runs as several calls, one per band of C along its longer side (rows or
 * columns); the bands depend only on the shapes, and a cancel is seen between them. OpenBLAS
 * gives other bits with another number of its own threads, or of bands, so when it runs
 * single-threaded ({@code OPENBLAS_NUM_THREADS=1}, which the launcher sets) the bands are spread
 * over mlp's threads by {@link Workers}: the same bits with one thread or many. Otherwise (an embedding host that left OpenBLAS its own threads) the bands run
 * one after the other and OpenBLAS spreads each over its threads.
 */
public final class NativeProduct implements MatrixProduct {
    /**
     * Multiply-adds per band, at most: about a tenth of a second on a current core, so that a
     * cancel is seen that often.
     */
    static final long BAND_WORK = 1L << 32;
    /**
     * Each band is a call in which the BLAS packs the other factor whole again, so bands should be
     * long: with OpenBLAS, 8 bands cost 12% more CPU time than one call at 256³ and 9% at 500³, 2
     * bands 2%. Bands of at least this many rows (or columns) keep it near that; there are at least
     * 2 (for two cores) and at most {@link #MAX_BANDS}.
     */
    static final int BAND_LENGTH = 256;
    private static final int MAX_BANDS = 8;
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
        // C is cut along its longer side, so that the factor each call packs again is the smaller one.
        boolean byRows = m >= n;
        int length = byRows ? m : n;
        int band = ceilDiv(length, bands(length, (long) (byRows ? n : m) * k));
        String opB = transB ? "T" : "N", opA = transA ? "T" : "N";
        double beta = accumulate ? 1.0 : 0.0;
        Workers.run(ceilDiv(length, band), SINGLE_THREADED_LIBRARY ? threads : 1, i -> {
            int from = i * band, size = Math.min(band, length - from);
            if (byRows) blas.dgemm(opB, opA, n, size, k, 1.0, b, 0, ldb, a, transA ? from : from * lda, lda, beta, c, from * ldc, ldc);
            else blas.dgemm(opB, opA, size, m, k, 1.0, b, transB ? from * ldb : from, ldb, a, 0, lda, beta, c, from, ldc);
        }, cancelCheck);
    }

    /** How many bands a side of this length is cut into (each line of it {@code workPerLine} multiply-adds): by the shape alone. */
    static int bands(int length, long workPerLine) {
        long forCancel = (length * workPerLine + BAND_WORK - 1) / BAND_WORK;
        long wanted = Math.max(forCancel, Math.max(2, Math.min(MAX_BANDS, length / BAND_LENGTH)));
        long bands = Long.highestOneBit(wanted - 1) << 1; // a power of two: equal shares on 2, 4 or 8 cores (7 bands on 2 took 4/3.5 the time)
        return (int) Math.max(1, Math.min(bands, length / 16)); // no band under 16 lines
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
