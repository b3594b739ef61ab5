package mlp.tensor;

import mlp.MlpError;
import org.ejml.data.DMatrixRMaj;

/**
 * The size cap on tensors, so that {@code zeros(1e6, 1e6)} is a clear error and not an
 * OutOfMemoryError. The cap is the one of the evaluation the work is for (its {@link Budget}).
 */
public final class Limits {
    public static final long DEFAULT_MAX_ELEMENTS = 100_000_000L;

    private Limits() {
    }

    /** The cap of the evaluation the current thread works for. */
    public static long maxElements() {
        return Budget.current().maxElements();
    }

    /** The most elements a Java array (so a DMatrixRMaj) can hold, whatever the cap says. */
    static final long ARRAY_MAX = Integer.MAX_VALUE - 8;

    /** Throws when a rows×cols tensor would exceed the cap. */
    public static void check(long rows, long cols) {
        if (rows < 0 || cols < 0) throw new MlpError("a tensor cannot have a negative size " + rows + "×" + cols);
        long max = Math.min(maxElements(), ARRAY_MAX);
        if (rows > 0 && cols > Long.MAX_VALUE / rows)
            throw new MlpError("a " + rows + "×" + cols + " tensor is too large (the limit is " + max + " elements)");
        if (rows * cols > max)
            throw new MlpError("a " + rows + "×" + cols + " tensor is too large (" + rows * cols
                    + " elements; the limit is " + max + ")");
    }

    /** Throws when a string of this many characters would exceed the cap (strings count as elements too). */
    public static void checkString(long length) {
        long max = Math.min(maxElements(), ARRAY_MAX);
        if (length > max)
            throw new MlpError("a string of " + length + " characters is too long (the limit is " + max + ")");
    }

    /** A new zero matrix, after checking its size. */
    public static DMatrixRMaj matrix(int rows, int cols) {
        check(rows, cols);
        try {
            return new DMatrixRMaj(rows, cols);
        } catch (OutOfMemoryError e) {
            throw new MlpError("out of memory for a " + rows + "×" + cols + " tensor");
        }
    }
}
