package mlp.tensor;

import org.ejml.data.DMatrixRMaj;

import java.util.function.DoubleBinaryOperator;

/**
 * The numeric kernels: plain loops over {@code DMatrixRMaj.data}, writing into a given output.
 * Small shapes get tight loops (EJML's general routines cost microseconds of overhead on a
 * 300×2 matrix); larger products go to {@link Products} (native BLAS or blocked, parallel Java).
 */
public final class Kernels {
    private Kernels() {
    }

    /**
     * {@code out = f(a, b)} elementwise, with a and b broadcast to out's shape: the general form,
     * which {@link #elementwise}'s per-operator loops are tested against.
     */
    public static void broadcast(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out, DoubleBinaryOperator f) {
        double[] x = a.data, y = b.data, o = out.data;
        int n = out.getNumElements();
        if (a.numRows == out.numRows && a.numCols == out.numCols && b.numRows == out.numRows && b.numCols == out.numCols) {
            for (int i = 0; i < n; i++) o[i] = f.applyAsDouble(x[i], y[i]);
        } else if (b.getNumElements() == 1 && a.getNumElements() == n) {
            double s = y[0];
            for (int i = 0; i < n; i++) o[i] = f.applyAsDouble(x[i], s);
        } else if (a.getNumElements() == 1 && b.getNumElements() == n) {
            double s = x[0];
            for (int i = 0; i < n; i++) o[i] = f.applyAsDouble(s, y[i]);
        } else {
            int rows = out.numRows, cols = out.numCols;
            boolean aRow = a.numRows == 1, aCol = a.numCols == 1, bRow = b.numRows == 1, bCol = b.numCols == 1;
            for (int r = 0; r < rows; r++) {
                int ar = aRow ? 0 : r * a.numCols, br = bRow ? 0 : r * b.numCols;
                for (int c = 0; c < cols; c++) {
                    o[r * cols + c] = f.applyAsDouble(x[ar + (aCol ? 0 : c)], y[br + (bCol ? 0 : c)]);
                }
            }
        }
    }

    /**
     * Adds {@code g} (of a broadcast result's shape) into {@code target}, summing over the axes
     * along which target was stretched: the backward step of broadcasting.
     */
    public static void addReduced(DMatrixRMaj g, DMatrixRMaj target) {
        addReduced(g, target, 1.0);
    }

    /** {@code target += sign * g}, summed down to target's shape like {@link #addReduced(DMatrixRMaj, DMatrixRMaj)}. */
    public static void addReduced(DMatrixRMaj g, DMatrixRMaj target, double sign) {
        double[] s = g.data, t = target.data;
        if (g.numRows == target.numRows && g.numCols == target.numCols) {
            int n = g.getNumElements();
            if (sign == 1.0) for (int i = 0; i < n; i++) t[i] += s[i];
            else for (int i = 0; i < n; i++) t[i] += sign * s[i];
            return;
        }
        boolean rowStretched = target.numRows == 1 && g.numRows != 1;
        boolean colStretched = target.numCols == 1 && g.numCols != 1;
        int cols = g.numCols;
        for (int r = 0; r < g.numRows; r++) {
            int tr = rowStretched ? 0 : r * target.numCols;
            for (int c = 0; c < cols; c++) t[tr + (colStretched ? 0 : c)] += sign * s[r * cols + c];
        }
    }

    /** Products of more multiply-adds than this go to {@link Products}; smaller ones keep their own short loops here. */
    static final long SMALL_WORK = 32_768;

    /** {@code out = a @ b}. */
    public static void matmul(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        int n = a.numRows, k = a.numCols, m = b.numCols;
        if ((long) n * k * m > SMALL_WORK) {
            Products.multiply(false, false, n, m, k, a.data, k, b.data, m, out.data, m, false);
            return;
        }
        double[] x = a.data, y = b.data, o = out.data;
        for (int i = 0; i < n; i++) {
            int oi = i * m, ai = i * k;
            for (int j = 0; j < m; j++) o[oi + j] = 0;
            for (int p = 0; p < k; p++) {
                double v = x[ai + p];
                if (v == 0) continue;
                int bp = p * m;
                for (int j = 0; j < m; j++) o[oi + j] += v * y[bp + j];
            }
        }
    }

    /** {@code out += a @ b'} (the gradient of a product with respect to its left factor). */
    public static void matmulAddTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        int n = a.numRows, k = a.numCols, m = b.numRows;
        if ((long) n * k * m > SMALL_WORK) {
            Products.multiply(false, true, n, m, k, a.data, k, b.data, k, out.data, m, true);
            return;
        }
        double[] x = a.data, y = b.data, o = out.data;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += x[i * k + p] * y[j * k + p];
                o[i * m + j] += s;
            }
        }
    }

    /** {@code out += a' @ b} (the gradient of a product with respect to its right factor). */
    public static void matmulAddTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        int n = a.numRows, k = a.numCols, m = b.numCols;
        if ((long) n * k * m > SMALL_WORK) {
            Products.multiply(true, false, k, m, n, a.data, k, b.data, m, out.data, m, true);
            return;
        }
        double[] x = a.data, y = b.data, o = out.data;
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < k; i++) {
                double v = x[r * k + i];
                if (v == 0) continue;
                for (int j = 0; j < m; j++) o[i * m + j] += v * y[r * m + j];
            }
        }
    }

    public static void transpose(DMatrixRMaj a, DMatrixRMaj out) {
        int rows = a.numRows, cols = a.numCols;
        double[] x = a.data, o = out.data;
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) o[c * rows + r] = x[r * cols + c];
    }

    /** out += transpose(a). */
    public static void addTransposed(DMatrixRMaj a, DMatrixRMaj out) {
        int rows = a.numRows, cols = a.numCols;
        double[] x = a.data, o = out.data;
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) o[c * rows + r] += x[r * cols + c];
    }

    // ---- eager kernels: one loop per operator, for values outside autograd ----

    /** The elementwise binary operators with loops of their own (see {@link #elementwise}). */
    public enum Binary { ADD, SUB, MUL, DIV, POW, EQ, NE, LT, LE, GT, GE }

    /** The elementwise functions with loops of their own (see {@link #map(Unary, DMatrixRMaj, DMatrixRMaj)}). */
    public enum Unary { NEG, SIN, COS, TAN, EXP, LOG, SQRT, ABS }

    /**
     * {@code out = a op b} elementwise, with a and b broadcast to out's shape. The same as
     * {@link #broadcast} with the operator's function, but each operator has its own loop: a
     * function object called per element is not inlined once a session has used several (a call
     * site seeing many lambdas), which makes a 300×2 op ten times slower.
     */
    public static void elementwise(Binary op, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        int rows = out.numRows, cols = out.numCols, n = rows * cols;
        boolean aFull = a.numRows == rows && a.numCols == cols, bFull = b.numRows == rows && b.numCols == cols;
        if (aFull && (bFull || b.getNumElements() == 1)) {
            run(op, a.data, 0, 1, b.data, 0, bFull ? 1 : 0, out.data, 0, n);
        } else if (bFull && a.getNumElements() == 1) {
            run(op, a.data, 0, 0, b.data, 0, 1, out.data, 0, n);
        } else {
            int aStep = a.numCols == 1 ? 0 : 1, bStep = b.numCols == 1 ? 0 : 1;
            for (int r = 0; r < rows; r++) {
                run(op, a.data, a.numRows == 1 ? 0 : r * a.numCols, aStep,
                        b.data, b.numRows == 1 ? 0 : r * b.numCols, bStep, out.data, r * cols, cols);
            }
        }
    }

    // o[oi + i] = x[xi + i * xs] op y[yi + i * ys] for i < n; a step of 0 repeats one element
    private static void run(Binary op, double[] x, int xi, int xs, double[] y, int yi, int ys, double[] o, int oi, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) o[oi + i] = x[xi + i * xs] + y[yi + i * ys]; }
            case SUB -> { for (int i = 0; i < n; i++) o[oi + i] = x[xi + i * xs] - y[yi + i * ys]; }
            case MUL -> { for (int i = 0; i < n; i++) o[oi + i] = x[xi + i * xs] * y[yi + i * ys]; }
            case DIV -> { for (int i = 0; i < n; i++) o[oi + i] = x[xi + i * xs] / y[yi + i * ys]; }
            case POW -> { for (int i = 0; i < n; i++) o[oi + i] = Math.pow(x[xi + i * xs], y[yi + i * ys]); }
            case EQ -> { for (int i = 0; i < n; i++) o[oi + i] = x[xi + i * xs] == y[yi + i * ys] ? 1 : 0; }
            case NE -> { for (int i = 0; i < n; i++) o[oi + i] = x[xi + i * xs] != y[yi + i * ys] ? 1 : 0; }
            case LT -> { for (int i = 0; i < n; i++) o[oi + i] = x[xi + i * xs] < y[yi + i * ys] ? 1 : 0; }
            case LE -> { for (int i = 0; i < n; i++) o[oi + i] = x[xi + i * xs] <= y[yi + i * ys] ? 1 : 0; }
            case GT -> { for (int i = 0; i < n; i++) o[oi + i] = x[xi + i * xs] > y[yi + i * ys] ? 1 : 0; }
            case GE -> { for (int i = 0; i < n; i++) o[oi + i] = x[xi + i * xs] >= y[yi + i * ys] ? 1 : 0; }
        }
    }

    /** {@code out = f(a)} elementwise, a loop per function (see {@link #elementwise}). */
    public static void map(Unary f, DMatrixRMaj a, DMatrixRMaj out) {
        double[] x = a.data, o = out.data;
        int n = a.getNumElements();
        switch (f) {
            case NEG -> { for (int i = 0; i < n; i++) o[i] = -x[i]; }
            case SIN -> { for (int i = 0; i < n; i++) o[i] = Math.sin(x[i]); }
            case COS -> { for (int i = 0; i < n; i++) o[i] = Math.cos(x[i]); }
            case TAN -> { for (int i = 0; i < n; i++) o[i] = Math.tan(x[i]); }
            case EXP -> { for (int i = 0; i < n; i++) o[i] = Math.exp(x[i]); }
            case LOG -> { for (int i = 0; i < n; i++) o[i] = Math.log(x[i]); }
            case SQRT -> { for (int i = 0; i < n; i++) o[i] = Math.sqrt(x[i]); }
            case ABS -> { for (int i = 0; i < n; i++) o[i] = Math.abs(x[i]); }
        }
    }
}
