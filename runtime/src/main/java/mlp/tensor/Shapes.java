package mlp.tensor;

import mlp.MlpError;
import org.ejml.data.DMatrixRMaj;

/** Shape arithmetic and the wording of shape errors. */
public final class Shapes {
    private Shapes() {
    }

    /** {@code (100×2)}. */
    public static String of(DMatrixRMaj m) {
        return of(m.numRows, m.numCols);
    }

    public static String of(int rows, int cols) {
        return "(" + rows + "×" + cols + ")";
    }

    /** The shape two operands broadcast to (NumPy's rule in 2-D), or a shape error naming {@code op}. */
    public static int[] broadcast(String op, DMatrixRMaj a, DMatrixRMaj b) {
        int rows = axis(a.numRows, b.numRows);
        int cols = axis(a.numCols, b.numCols);
        if (rows < 0 || cols < 0) {
            String why = rows < 0 ? "rows " + a.numRows + " and " + b.numRows : "columns " + a.numCols + " and " + b.numCols;
            throw new MlpError("shape mismatch in '" + op + "': " + of(a) + " " + op + " " + of(b) + " — "
                    + why + " differ (each must match or be 1)");
        }
        return new int[]{rows, cols};
    }

    private static int axis(int a, int b) {
        if (a == b) return a;
        if (a == 1) return b;
        if (b == 1) return a;
        return -1;
    }
}
