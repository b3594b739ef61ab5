package mlp.tensor;

import org.ejml.data.DMatrixRMaj;

import java.util.function.DoubleBinaryOperator;

/**
 * The numeric kernels: plain loops over {@code DMatrixRMaj.data}, writing into a given output.
 * Small shapes get tight loops (EJML's general routines cost microseconds of overhead on a
 * 300×2 matrix); larger products go to {@link Products} (native BLAS or blocked, parallel Java).
 * The elementwise passes of large tensors run in blocks on the evaluation's cores
 * ({@link Parallel}); a small one takes its plain loop, without the lambda a split would need.
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
        int rows = g.numRows, cols = g.numCols, n = rows * cols;
        if (rows == target.numRows && cols == target.numCols) {
            if (!Parallel.splits(n)) addScaled(s, t, sign, 0, n);
            else Parallel.forRange(n, (from, to) -> addScaled(s, t, sign, from, to));
            return;
        }
        boolean rowStretched = target.numRows == 1 && rows != 1;
        boolean colStretched = target.numCols == 1 && cols != 1;
        if (!Parallel.splits(n)) addReduced(s, cols, t, target.numCols, sign, rowStretched, colStretched, 0, rows, 0, cols);
        else if (rowStretched && colStretched) // everything into one element: a sum in fixed blocks
            t[0] += Parallel.sum(n, (from, to) -> {
                double sum = 0;
                for (int i = from; i < to; i++) sum += sign * s[i];
                return sum;
            });
        else if (rowStretched) // down the columns: strips of columns, each column still added row after row
            Parallel.forColumns(rows, cols, (c0, c1) -> addReduced(s, cols, t, 1, sign, true, false, 0, rows, c0, c1));
        else // across the rows (or nothing stretched): each block of rows writes its own part
            Parallel.forRows(rows, cols, (r0, r1) -> addReduced(s, cols, t, target.numCols, sign, false, colStretched, r0, r1, 0, cols));
    }

    // t[i] += sign * s[i] for i in [from, to)
    private static void addScaled(double[] s, double[] t, double sign, int from, int to) {
        if (sign == 1.0) for (int i = from; i < to; i++) t[i] += s[i];
        else for (int i = from; i < to; i++) t[i] += sign * s[i];
    }

    // the rows [r0, r1) and columns [c0, c1) of s (cols wide) added into t (tCols wide), stretched axes summed
    private static void addReduced(double[] s, int cols, double[] t, int tCols, double sign, boolean rowStretched,
                                   boolean colStretched, int r0, int r1, int c0, int c1) {
        for (int r = r0; r < r1; r++) {
            int tr = rowStretched ? 0 : r * tCols;
            for (int c = c0; c < c1; c++) t[tr + (colStretched ? 0 : c)] += sign * s[r * cols + c];
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
        transpose(a, out, false);
    }

    /** out += transpose(a). */
    public static void addTransposed(DMatrixRMaj a, DMatrixRMaj out) {
        transpose(a, out, true);
    }

    private static void transpose(DMatrixRMaj a, DMatrixRMaj out, boolean add) {
        int rows = a.numRows, cols = a.numCols;
        double[] x = a.data, o = out.data;
        if (!Parallel.splits((long) rows * cols)) transpose(x, rows, cols, o, add, 0, rows);
        else Parallel.forRows(rows, cols, (r0, r1) -> transpose(x, rows, cols, o, add, r0, r1)); // row r of a is column r of out
    }

    // rows [r0, r1) of x (rows×cols) written, or added, to their columns of o
    private static void transpose(double[] x, int rows, int cols, double[] o, boolean add, int r0, int r1) {
        if (add) for (int r = r0; r < r1; r++) for (int c = 0; c < cols; c++) o[c * rows + r] += x[r * cols + c];
        else for (int r = r0; r < r1; r++) for (int c = 0; c < cols; c++) o[c * rows + r] = x[r * cols + c];
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
        double[] x = a.data, y = b.data, o = out.data;
        if (aFull && bFull) {
            if (!Parallel.splits(n)) same(op, x, y, o, 0, n);
            else Parallel.forRange(n, (from, to) -> same(op, x, y, o, from, to));
        } else if ((aFull && (bFull || b.getNumElements() == 1)) || (bFull && a.getNumElements() == 1)) {
            int xs = aFull ? 1 : 0, ys = bFull ? 1 : 0; // a step of 0: the one element of a 1×1 operand
            if (!Parallel.splits(n)) run(op, x, 0, xs, y, 0, ys, o, 0, n);
            else Parallel.forRange(n, (from, to) -> run(op, x, from * xs, xs, y, from * ys, ys, o, from, to - from));
        } else if (!Parallel.splits(n)) {
            rows(op, a, b, out, 0, rows);
        } else {
            Parallel.forRows(rows, cols, (r0, r1) -> rows(op, a, b, out, r0, r1));
        }
    }

    // rows [r0, r1) of out = a op b, with a row or a column (or both) stretched
    private static void rows(Binary op, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out, int r0, int r1) {
        int cols = out.numCols, aStep = a.numCols == 1 ? 0 : 1, bStep = b.numCols == 1 ? 0 : 1;
        for (int r = r0; r < r1; r++) {
            run(op, a.data, a.numRows == 1 ? 0 : r * a.numCols, aStep,
                    b.data, b.numRows == 1 ? 0 : r * b.numCols, bStep, out.data, r * cols, cols);
        }
    }

    // o[i] = x[i] op y[i] for i in [from, to): two operands of out's shape. Every array indexed by the
    // loop counter alone, which the JIT turns into vector instructions (a step, as in run, keeps it scalar).
    private static void same(Binary op, double[] x, double[] y, double[] o, int from, int to) {
        switch (op) {
            case ADD -> { for (int i = from; i < to; i++) o[i] = x[i] + y[i]; }
            case SUB -> { for (int i = from; i < to; i++) o[i] = x[i] - y[i]; }
            case MUL -> { for (int i = from; i < to; i++) o[i] = x[i] * y[i]; }
            case DIV -> { for (int i = from; i < to; i++) o[i] = x[i] / y[i]; }
            default -> run(op, x, from, 1, y, from, 1, o, from, to - from);
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
        if (!Parallel.splits(n)) map(f, x, o, 0, n);
        else Parallel.forRange(n, (from, to) -> map(f, x, o, from, to));
    }

    // o[i] = f(x[i]) for i in [from, to)
    private static void map(Unary f, double[] x, double[] o, int from, int to) {
        switch (f) {
            case NEG -> { for (int i = from; i < to; i++) o[i] = -x[i]; }
            case SIN -> { for (int i = from; i < to; i++) o[i] = Math.sin(x[i]); }
            case COS -> { for (int i = from; i < to; i++) o[i] = Math.cos(x[i]); }
            case TAN -> { for (int i = from; i < to; i++) o[i] = Math.tan(x[i]); }
            case EXP -> { for (int i = from; i < to; i++) o[i] = Math.exp(x[i]); }
            case LOG -> { for (int i = from; i < to; i++) o[i] = Math.log(x[i]); }
            case SQRT -> { for (int i = from; i < to; i++) o[i] = Math.sqrt(x[i]); }
            case ABS -> { for (int i = from; i < to; i++) o[i] = Math.abs(x[i]); }
        }
    }
}
