package mlp.eval;

import mlp.MlpError;
import mlp.autograd.Node;
import mlp.autograd.Ops;
import mlp.tensor.Interrupt;
import mlp.tensor.Kernels;
import mlp.tensor.Limits;
import mlp.tensor.Shapes;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_DDRM;
import org.ejml.dense.row.linsol.lu.LinearSolverLu_DDRM;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/** Elementwise math, reductions and the matrix inverse. Numbers in give numbers out; tensors give tensors. */
final class MathBuiltins implements Builtins.Module {
    // the signatures, and a handle for each parameter the bodies read: checked when this class initialises (see Param)
    private static final Signature ARGMAX = Signature.of("argmax(x, dim=)");
    private static final Signature INV = Signature.of("inv(A)");
    private static final Param A = Param.of("A", INV);
    private static final Param DIM = Param.of("dim", ARGMAX);
    private static final Param X = Param.of("x", ARGMAX);

    @Override
    public void register(Builtins b) {
        elementwise(b, "sin", "The sine of each element (in radians).", Kernels.Unary.SIN, Math::sin, Ops::sin);
        elementwise(b, "cos", "The cosine of each element (in radians).", Kernels.Unary.COS, Math::cos, Ops::cos);
        elementwise(b, "tan", "The tangent of each element (in radians).", Kernels.Unary.TAN, Math::tan, Ops::tan);
        elementwise(b, "exp", "e raised to each element.", Kernels.Unary.EXP, Math::exp, Ops::exp);
        elementwise(b, "log", "The natural logarithm of each element (nan below 0, -inf at 0).", Kernels.Unary.LOG,
                Math::log, Ops::log);
        elementwise(b, "sqrt", "The square root of each element (nan below 0).", Kernels.Unary.SQRT, Math::sqrt, Ops::sqrt);
        elementwise(b, "abs", "The absolute value of each element.", Kernels.Unary.ABS, Math::abs, Ops::abs);

        reduction(b, "sum", "The sum of the elements",
                "With no dim, of all elements, as a number (0 for an empty tensor); dim=0 sums down each\n"
                        + "column (a 1×c row), dim=1 across each row (an r×1 column).",
                Ops::sum);
        reduction(b, "mean", "The mean of the elements",
                "With no dim, of all elements, as a number; dim=0 down each column (1×c), dim=1 across\n"
                        + "each row (r×1).",
                Ops::mean);
        reduction(b, "min", "The smallest element",
                "With no dim, of all elements, as a number; dim=0 the smallest of each column (1×c),\n"
                        + "dim=1 of each row (r×1). nan wins over numbers, as in NumPy.",
                (n, d) -> Ops.extreme(n, d, true));
        reduction(b, "max", "The largest element",
                "With no dim, of all elements, as a number; dim=0 the largest of each column (1×c),\n"
                        + "dim=1 of each row (r×1). nan wins over numbers, as in NumPy.",
                (n, d) -> Ops.extreme(n, d, false));
        b.function("Math", ARGMAX,
                "The position of the largest element (the first one on ties).\n"
                        + "With no dim, counted over all elements row by row, as a number; dim=0 the row of the\n"
                        + "largest in each column (1×c), dim=1 the column of the largest in each row (r×1):\n"
                        + "argmax(pred, dim=1) turns class scores into class indices.",
                MathBuiltins::argmax);
        b.function("Math", INV,
                "The inverse of the square matrix A, so that A @ inv(A) is eye(n).\n"
                        + "A singular matrix (no inverse) is an error.",
                MathBuiltins::inverse).differentiable();
    }

    /**
     * Registers a function that maps each element: numbers map to numbers; a tensor goes through
     * its own kernel loop, or through the autograd op when a gradient is wanted.
     */
    static void elementwise(Builtins b, String name, String help, Kernels.Unary kernel, DoubleUnaryOperator onNumber,
                            UnaryOperator<Node> onTensor) {
        Signature sig = Signature.of(name + "(x)");
        Param arg = Param.of("x", sig); // checked here, as the built-in is declared
        b.function("Math", sig, help, a -> {
            Value x = a.get(arg);
            if (x instanceof Num n) return new Num(onNumber.applyAsDouble(n.value()));
            Tensor t = a.tensor(arg);
            if (t.node().requiresGrad()) return new Tensor(onTensor.apply(t.node()));
            DMatrixRMaj out = Limits.matrix(t.rows(), t.cols());
            Kernels.map(kernel, t.data(), out);
            return new Tensor(out);
        }).differentiable();
    }

    interface Reduce {
        Node apply(Node n, int dim);
    }

    private static void reduction(Builtins b, String name, String summary, String details, Reduce op) {
        Signature sig = Signature.of(name + "(x, dim=)");
        Param arg = Param.of("x", sig), along = Param.of("dim", sig); // checked here, as the built-in is declared
        b.function("Math", sig, summary + ", over all of x or along dim=0 or dim=1.\n" + details, a -> {
            Tensor x = a.tensor(arg);
            int dim = DataBuiltins.dim(a, along);
            if (reducesNothing(a, x, dim, !name.equals("sum"))) return emptyResult(x, dim);
            Node out = op.apply(x.node(), dim);
            if (dim == -1 && !out.requiresGrad()) return new Num(out.value.data[0]);
            return new Tensor(out);
        }).differentiable();
    }

    /**
     * True when the result has no elements (e.g. dim=1 of a 0×3 tensor); an error when the
     * reduction would have to summarize nothing (the mean, min or max of no elements).
     */
    private static boolean reducesNothing(Args a, Tensor x, int dim, boolean needsElements) {
        int rows = x.rows(), cols = x.cols();
        if (rows * cols != 0) return false;
        int resultSize = dim == -1 ? 1 : dim == 0 ? cols : rows;
        int over = dim == -1 ? 0 : dim == 0 ? rows : cols;
        if (resultSize == 0) return true;
        if (needsElements && over == 0)
            throw a.error(X, a.sig() + ": x is empty " + Shapes.of(x.data()) + (dim == -1 ? "" : " along dim=" + dim));
        return false;
    }

    private static Value emptyResult(Tensor x, int dim) {
        return new Tensor(Limits.matrix(dim == 1 ? x.rows() : 1, dim == 0 ? x.cols() : 1));
    }

    static Value argmax(Args a) {
        return argExtreme(a, false);
    }

    static Value argmin(Args a) {
        return argExtreme(a, true);
    }

    private static Value argExtreme(Args a, boolean smallest) {
        Tensor t = a.tensor(X);
        int dim = DataBuiltins.dim(a, DIM);
        if (reducesNothing(a, t, dim, true)) return emptyResult(t, dim);
        DMatrixRMaj x = t.data();
        int rows = x.numRows, cols = x.numCols;
        DMatrixRMaj out = Limits.matrix(dim == 1 ? rows : 1, dim == 0 ? cols : 1);
        double[] best = new double[out.getNumElements()];
        boolean[] seen = new boolean[best.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int k = dim == -1 ? 0 : dim == 0 ? c : r;
                double v = x.data[r * cols + c];
                // the first largest wins; the first nan beats every number (NumPy)
                boolean better = !seen[k] || (!Double.isNaN(best[k]) && ((smallest ? v < best[k] : v > best[k]) || Double.isNaN(v)));
                if (better) {
                    seen[k] = true;
                    best[k] = v;
                    out.data[k] = dim == -1 ? r * cols + c : dim == 0 ? r : c;
                }
            }
        }
        if (dim == -1) return new Num(out.data[0]);
        return new Tensor(out);
    }

    /** inv(A) as an autograd node: the gradient of A^-1 is -A^-T G A^-T. */
    private static Value inverse(Args a) {
        Tensor t = a.tensor(A);
        DMatrixRMaj m = t.data();
        if (m.numRows != m.numCols)
            throw a.error(A, a.sig() + ": A must be square, not " + Shapes.of(m));
        int size = m.numRows;
        DMatrixRMaj out = Limits.matrix(size, size);
        Node in = t.node();
        Node n;
        try {
            // EJML's LU cannot be interrupted: a large one runs where a cancel need not wait for it
            n = Node.op("inv", out, size < 200 ? () -> invertInto(in.value, out) : () -> Interrupt.uninterruptible(() -> {
                invertInto(in.value, out);
                return null;
            }), in);
        } catch (MlpError e) {
            throw a.error(A, e.plainMessage());
        }
        if (!n.requiresGrad()) return new Tensor(n);
        DMatrixRMaj tmp = new DMatrixRMaj(size, size), step = new DMatrixRMaj(size, size);
        return new Tensor(n.backward(() -> {
            tmp.zero();
            step.zero();
            Kernels.matmulAddTransB(n.grad(), out, tmp); // G @ Y'
            Kernels.matmulAddTransA(out, tmp, step);     // Y' @ G @ Y'
            double[] g = in.grad().data;
            for (int i = 0; i < size * size; i++) g[i] -= step.data[i];
        }));
    }

    private static void invertInto(DMatrixRMaj a, DMatrixRMaj out) {
        if (a.numRows == 0) return;
        LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
        LinearSolverLu_DDRM solver = new LinearSolverLu_DDRM(lu);
        if (!solver.setA(a) || negligiblePivot(lu.getLU(), a))
            throw new MlpError("inv(A): the matrix is singular (it has no inverse)");
        solver.invert(out);
    }

    /**
     * A pivot that is only rounding noise next to the matrix's largest element: singular. (A nan
     * is not singular: it spreads into the inverse, as in NumPy.)
     */
    private static boolean negligiblePivot(DMatrixRMaj lu, DMatrixRMaj a) {
        double scale = 0;
        for (int i = 0; i < a.getNumElements(); i++) scale = Math.max(scale, Math.abs(a.data[i]));
        double tolerance = scale * a.numRows * Math.ulp(1.0);
        for (int i = 0; i < lu.numRows; i++) if (Math.abs(lu.unsafe_get(i, i)) <= tolerance) return true;
        return false;
    }
}
