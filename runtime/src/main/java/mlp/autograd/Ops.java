package mlp.autograd;

import mlp.MlpError;
import mlp.tensor.Kernels;
import mlp.tensor.Limits;
import mlp.tensor.Parallel;
import mlp.tensor.Shapes;
import org.ejml.data.DMatrixRMaj;


/**
 * The differentiable operations: each builds a {@link Node} whose forward and backward steps
 * live side by side here. Buffers are allocated when the node is built; the steps only write
 * into them. A step's loop over elements is a {@link Parallel.Range} (or {@link Parallel.Sum}),
 * made once with the node: a large tensor's pass runs it in blocks on the evaluation's cores; a
 * small one calls it directly from the step, a call site that only ever sees that one range, so
 * the JIT inlines the loop into the step as before (through {@code Parallel.forRange} the call
 * would be shared by every range, and not inlined).
 */
public final class Ops {
    private Ops() {
    }

    public static Node scalar(double v) {
        DMatrixRMaj m = new DMatrixRMaj(1, 1);
        m.data[0] = v;
        return Node.constant(m);
    }

    // ---- elementwise binary, broadcasting ----

    /** The local derivative of an elementwise op with respect to one operand, times the incoming gradient. */
    @FunctionalInterface
    interface Local {
        double of(double a, double b, double out, double g);
    }

    public static Node add(Node a, Node b) {
        Node n = a.rows() == b.rows() && a.cols() == b.cols() ? sameShapeAdd(a, b) : arith("+", Kernels.Binary.ADD, a, b);
        return n.backward(() -> {
            if (a.requiresGrad()) passOn(n, a);
            if (b.requiresGrad()) passOn(n, b);
        });
    }

    /** Adds n's gradient into its input's (summed over broadcast axes); copies it when it is the first contribution. */
    private static void passOn(Node n, Node input) {
        DMatrixRMaj g = n.grad();
        if (g.numRows == input.rows() && g.numCols == input.cols() && input.claimGrad())
            System.arraycopy(g.data, 0, input.grad().data, 0, g.getNumElements());
        else Kernels.addReduced(g, input.grad());
    }

    public static Node sub(Node a, Node b) {
        Node n = arith("-", Kernels.Binary.SUB, a, b);
        return n.backward(() -> {
            if (a.requiresGrad()) Kernels.addReduced(n.grad(), a.grad());
            if (b.requiresGrad()) Kernels.addReduced(n.grad(), b.grad(), -1.0);
        });
    }

    public static Node mul(Node a, Node b) {
        Node n = arith("*", Kernels.Binary.MUL, a, b);
        if (!n.requiresGrad()) return n;
        DMatrixRMaj tmp = new DMatrixRMaj(n.rows(), n.cols());
        return n.backward(() -> {
            if (a.requiresGrad()) { // d(a*b)/da = b
                Kernels.elementwise(Kernels.Binary.MUL, n.grad(), b.value, tmp);
                Kernels.addReduced(tmp, a.grad());
            }
            if (b.requiresGrad()) {
                Kernels.elementwise(Kernels.Binary.MUL, n.grad(), a.value, tmp);
                Kernels.addReduced(tmp, b.grad());
            }
        });
    }

    public static Node div(Node a, Node b) {
        Node n = arith("/", Kernels.Binary.DIV, a, b);
        if (!n.requiresGrad()) return n;
        DMatrixRMaj tmp = new DMatrixRMaj(n.rows(), n.cols());
        return n.backward(() -> {
            if (a.requiresGrad()) { // d(a/b)/da = 1/b
                Kernels.elementwise(Kernels.Binary.DIV, n.grad(), b.value, tmp);
                Kernels.addReduced(tmp, a.grad());
            }
            if (b.requiresGrad()) { // d(a/b)/db = -(a/b)/b
                Kernels.elementwise(Kernels.Binary.MUL, n.grad(), n.value, tmp);
                Kernels.elementwise(Kernels.Binary.DIV, tmp, b.value, tmp);
                Kernels.addReduced(tmp, b.grad(), -1.0);
            }
        });
    }

    /** a + b of one shape (a residual block's sum): a loop the JIT vectorises, unlike the broadcasting one. */
    private static Node sameShapeAdd(Node a, Node b) {
        DMatrixRMaj out = Limits.matrix(a.rows(), a.cols());
        int len = out.getNumElements();
        Parallel.Range add = (from, to) -> {
            double[] x = a.value.data, y = b.value.data, o = out.data;
            for (int i = from; i < to; i++) o[i] = x[i] + y[i];
        };
        return Node.op("+", out, () -> {
            if (Parallel.splits(len)) Parallel.forRange(len, add);
            else add.run(0, len);
        }, a, b);
    }

    private static Node arith(String op, Kernels.Binary kind, Node a, Node b) {
        int[] shape = Shapes.broadcast(op, a.value, b.value);
        DMatrixRMaj out = Limits.matrix(shape[0], shape[1]);
        return Node.op(op, out, () -> Kernels.elementwise(kind, a.value, b.value, out), a, b);
    }

    /** a^b; the derivatives are masked as PyTorch's are where they would be 0 × infinity. */
    public static Node pow(Node a, Node b) {
        Node n = arith("^", Kernels.Binary.POW, a, b);
        if (!n.requiresGrad()) return n;
        // a gradient the size of the output, summed down to an operand's shape when it was stretched
        DMatrixRMaj tmp = new DMatrixRMaj(n.rows(), n.cols());
        return n.backward(() -> {
            DMatrixRMaj g = n.grad();
            if (a.requiresGrad()) {
                local(a.value, b.value, n.value, g, tmp, (x, y, o, d) -> y == 0 ? 0 : d * y * Math.pow(x, y - 1));
                Kernels.addReduced(tmp, a.grad());
            }
            if (b.requiresGrad()) {
                local(a.value, b.value, n.value, g, tmp, (x, y, o, d) -> x == 0 && y >= 0 ? 0 : d * o * Math.log(x));
                Kernels.addReduced(tmp, b.grad());
            }
        });
    }

    /** An elementwise comparison: 1 where it holds, 0 elsewhere. Not differentiable (a step). */
    public static Node compare(String op, Node a, Node b) {
        Kernels.Binary kind = switch (op) {
            case "==" -> Kernels.Binary.EQ;
            case "!=" -> Kernels.Binary.NE;
            case "<" -> Kernels.Binary.LT;
            case "<=" -> Kernels.Binary.LE;
            case ">" -> Kernels.Binary.GT;
            case ">=" -> Kernels.Binary.GE;
            default -> throw new IllegalArgumentException(op);
        };
        return arith(op, kind, a, b);
    }

    private static void local(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out, DMatrixRMaj g, DMatrixRMaj tmp, Local d) {
        int rows = out.numRows, cols = out.numCols;
        if (!Parallel.splits((long) rows * cols)) local(a, b, out, g, tmp, d, 0, rows);
        else Parallel.forRows(rows, cols, (r0, r1) -> local(a, b, out, g, tmp, d, r0, r1));
    }

    // rows [r0, r1) of tmp = d(a, b, out, g), a and b broadcast to out's shape
    private static void local(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out, DMatrixRMaj g, DMatrixRMaj tmp, Local d,
                              int r0, int r1) {
        int rows = out.numRows, cols = out.numCols;
        double[] x = a.data, y = b.data, o = out.data, gd = g.data, t = tmp.data;
        if (a.numRows == rows && a.numCols == cols && b.numRows == rows && b.numCols == cols) {
            for (int i = r0 * cols, n = r1 * cols; i < n; i++) t[i] = d.of(x[i], y[i], o[i], gd[i]);
            return;
        }
        boolean aRow = a.numRows == 1, aCol = a.numCols == 1, bRow = b.numRows == 1, bCol = b.numCols == 1;
        for (int r = r0; r < r1; r++) {
            int ar = aRow ? 0 : r * a.numCols, br = bRow ? 0 : r * b.numCols;
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                t[i] = d.of(x[ar + (aCol ? 0 : c)], y[br + (bCol ? 0 : c)], o[i], gd[i]);
            }
        }
    }

    // ---- elementwise unary ----

    /** The derivative of an elementwise function, from its input x and output y. */
    @FunctionalInterface
    public interface Derivative {
        double of(double x, double y);
    }

    public static Node neg(Node a) {
        return unary("-", a, Kernels.Unary.NEG, (x, y) -> -1);
    }

    public static Node relu(Node a) {
        DMatrixRMaj out = Limits.matrix(a.rows(), a.cols());
        int len = out.getNumElements();
        Parallel.Range forward = (from, to) -> {
            double[] x = a.value.data, y = out.data;
            for (int i = from; i < to; i++) y[i] = Math.max(x[i], 0); // nan stays nan, as in PyTorch
        };
        Node n = Node.op("relu", out, () -> {
            if (Parallel.splits(len)) Parallel.forRange(len, forward);
            else forward.run(0, len);
        }, a);
        // the gradient passes where the output is positive or nan, not where it is 0 (as PyTorch's):
        // the gradient's bits and a mask of all ones there, of zeros at 0 (the output is never
        // negative). No branch: one on the sign of random data is mispredicted half the time.
        Parallel.Range set = (from, to) -> {
            double[] y = out.data, g = n.grad().data, ga = a.grad().data;
            for (int i = from; i < to; i++) ga[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(g[i]) & positive(y[i]));
        };
        Parallel.Range add = (from, to) -> {
            double[] y = out.data, g = n.grad().data, ga = a.grad().data;
            for (int i = from; i < to; i++) ga[i] += Double.longBitsToDouble(Double.doubleToRawLongBits(g[i]) & positive(y[i]));
        };
        return n.backward(() -> {
            Parallel.Range pass = a.claimGrad() ? set : add; // claimed: set, not added to (Node.claimGrad)
            if (Parallel.splits(len)) Parallel.forRange(len, pass);
            else pass.run(0, len);
        });
    }

    /** All ones when y is above 0 or nan, else all zeros (for y ≥ 0 or nan: relu's output). */
    private static long positive(double y) {
        return -(Double.doubleToRawLongBits(y) & Long.MAX_VALUE) >> 63;
    }

    public static Node sigmoid(Node a) {
        DMatrixRMaj out = Limits.matrix(a.rows(), a.cols());
        int len = out.getNumElements();
        Parallel.Range forward = (from, to) -> {
            double[] x = a.value.data, y = out.data;
            for (int i = from; i < to; i++) y[i] = sigmoid(x[i]);
        };
        Node n = Node.op("sigmoid", out, () -> {
            if (Parallel.splits(len)) Parallel.forRange(len, forward);
            else forward.run(0, len);
        }, a);
        Parallel.Range backward = (from, to) -> {
            double[] y = out.data, g = n.grad().data, ga = a.grad().data;
            for (int i = from; i < to; i++) ga[i] += g[i] * y[i] * (1 - y[i]);
        };
        return n.backward(() -> {
            if (Parallel.splits(len)) Parallel.forRange(len, backward);
            else backward.run(0, len);
        });
    }

    public static Node tanh(Node a) {
        DMatrixRMaj out = Limits.matrix(a.rows(), a.cols());
        int len = out.getNumElements();
        Parallel.Range forward = (from, to) -> {
            double[] x = a.value.data, y = out.data;
            for (int i = from; i < to; i++) y[i] = Math.tanh(x[i]);
        };
        Node n = Node.op("tanh", out, () -> {
            if (Parallel.splits(len)) Parallel.forRange(len, forward);
            else forward.run(0, len);
        }, a);
        Parallel.Range backward = (from, to) -> {
            double[] y = out.data, g = n.grad().data, ga = a.grad().data;
            for (int i = from; i < to; i++) ga[i] += g[i] * (1 - y[i] * y[i]);
        };
        return n.backward(() -> {
            if (Parallel.splits(len)) Parallel.forRange(len, backward);
            else backward.run(0, len);
        });
    }

    public static Node exp(Node a) {
        return unary("exp", a, Kernels.Unary.EXP, (x, y) -> y);
    }

    public static Node log(Node a) {
        return unary("log", a, Kernels.Unary.LOG, (x, y) -> 1 / x);
    }

    public static Node sqrt(Node a) {
        return unary("sqrt", a, Kernels.Unary.SQRT, (x, y) -> 0.5 / y);
    }

    public static Node abs(Node a) {
        return unary("abs", a, Kernels.Unary.ABS, (x, y) -> Math.signum(x));
    }

    public static Node sin(Node a) {
        return unary("sin", a, Kernels.Unary.SIN, (x, y) -> Math.cos(x));
    }

    public static Node cos(Node a) {
        return unary("cos", a, Kernels.Unary.COS, (x, y) -> -Math.sin(x));
    }

    public static Node tan(Node a) {
        return unary("tan", a, Kernels.Unary.TAN, (x, y) -> 1 + y * y);
    }

    public static double sigmoid(double x) {
        // stable for large |x|: never exp of a large positive number
        if (x >= 0) return 1 / (1 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1 + e);
    }

    public static Node unary(String label, Node a, Kernels.Unary f, Derivative d) {
        DMatrixRMaj out = Limits.matrix(a.rows(), a.cols());
        Node n = Node.op(label, out, () -> Kernels.map(f, a.value, out), a);
        Parallel.Range backward = (from, to) -> {
            double[] x = a.value.data, y = out.data, g = n.grad().data, ga = a.grad().data;
            for (int i = from; i < to; i++) ga[i] += g[i] * d.of(x[i], y[i]);
        };
        int len = out.getNumElements();
        return n.backward(() -> {
            if (Parallel.splits(len)) Parallel.forRange(len, backward);
            else backward.run(0, len);
        });
    }

    // ---- linear algebra ----

    public static Node matmul(Node a, Node b) {
        if (a.cols() != b.rows())
            throw new MlpError("shape mismatch in '@': " + Shapes.of(a.value) + " @ " + Shapes.of(b.value)
                    + " — inner sizes " + a.cols() + " and " + b.rows() + " differ");
        DMatrixRMaj out = Limits.matrix(a.rows(), b.cols());
        Node n = Node.op("@", out, () -> Kernels.matmul(a.value, b.value, out), a, b);
        return n.backward(() -> {
            if (a.requiresGrad()) Kernels.matmulAddTransB(n.grad(), b.value, a.grad());
            if (b.requiresGrad()) Kernels.matmulAddTransA(a.value, n.grad(), b.grad());
        });
    }

    public static Node transpose(Node a) {
        DMatrixRMaj out = Limits.matrix(a.cols(), a.rows());
        Node n = Node.op("'", out, () -> Kernels.transpose(a.value, out), a);
        return n.backward(() -> Kernels.addTransposed(n.grad(), a.grad()));
    }

    // ---- reductions: dim -1 is every element (a 1×1 result), 0 down the rows (1×c), 1 across (r×1) ----

    public static Node sum(Node a, int dim) {
        return reduce("sum", a, dim, false);
    }

    public static Node mean(Node a, int dim) {
        return reduce("mean", a, dim, true);
    }

    private static Node reduce(String label, Node a, int dim, boolean average) {
        int rows = a.rows(), cols = a.cols();
        DMatrixRMaj out = Limits.matrix(dim == 1 ? rows : 1, dim == 0 ? cols : 1);
        int count = dim == -1 ? rows * cols : dim == 0 ? rows : cols;
        double scale = average ? 1.0 / count : 1.0;
        // every element: fixed blocks' sums added in block order; down the columns: strips of columns;
        // across the rows: blocks of rows (each output element is still added in index order)
        Parallel.Sum total = (from, to) -> {
            double[] x = a.value.data;
            double s = 0;
            for (int i = from; i < to; i++) s += x[i];
            return s;
        };
        Parallel.Range down = (c0, c1) -> {
            double[] x = a.value.data, o = out.data;
            for (int r = 0; r < rows; r++) for (int c = c0; c < c1; c++) o[c] += x[r * cols + c];
        };
        Parallel.Range across = (r0, r1) -> {
            double[] x = a.value.data, o = out.data;
            for (int r = r0; r < r1; r++) for (int c = 0; c < cols; c++) o[r] += x[r * cols + c];
        };
        int len = rows * cols;
        boolean large = Parallel.splits(len);
        Node n = Node.op(label, out, () -> {
            double[] o = out.data;
            java.util.Arrays.fill(o, 0, out.getNumElements(), 0.0);
            if (dim == -1) o[0] = len > Parallel.BLOCK ? Parallel.sum(len, total) : total.of(0, len);
            else if (!large) (dim == 0 ? down : across).run(0, dim == 0 ? cols : rows);
            else if (dim == 0) Parallel.forColumns(rows, cols, down);
            else Parallel.forRows(rows, cols, across);
            if (average) for (int i = 0; i < out.getNumElements(); i++) o[i] /= count; // as NumPy: a division, not a product with 1/count
        }, a).params(dim);
        Parallel.Range backward = (r0, r1) -> {
            double[] g = n.grad().data, ga = a.grad().data;
            for (int r = r0; r < r1; r++)
                for (int c = 0; c < cols; c++) ga[r * cols + c] += scale * g[dim == -1 ? 0 : dim == 0 ? c : r];
        };
        return n.backward(() -> {
            if (large) Parallel.forRows(rows, cols, backward);
            else backward.run(0, rows);
        });
    }

    /** max (or min, when {@code smallest}) over all elements or along a dim; the gradient goes to the winner. */
    public static Node extreme(Node a, int dim, boolean smallest) {
        int rows = a.rows(), cols = a.cols();
        if (rows * cols == 0) throw new MlpError((smallest ? "min" : "max") + " of an empty tensor " + Shapes.of(a.value));
        DMatrixRMaj out = Limits.matrix(dim == 1 ? rows : 1, dim == 0 ? cols : 1);
        int[] winner = new int[out.getNumElements()];
        Node n = Node.op(smallest ? "min" : "max", out, () -> {
            double[] x = a.value.data, o = out.data;
            java.util.Arrays.fill(winner, -1);
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++) {
                    int k = dim == -1 ? 0 : dim == 0 ? c : r, i = r * cols + c;
                    double v = x[i];
                    if (winner[k] < 0 || (smallest ? v < o[k] : v > o[k]) || (Double.isNaN(v) && !Double.isNaN(o[k]))) {
                        o[k] = v;
                        winner[k] = i;
                    }
                }
        }, a).params(dim);
        return n.backward(() -> {
            double[] g = n.grad().data, ga = a.grad().data;
            for (int k = 0; k < winner.length; k++) ga[winner[k]] += g[k];
        });
    }

    // ---- slicing and joining ----

    /** Rows [r0, r1) and columns [c0, c1) of a (bounds already checked). */
    public static Node slice(Node a, int r0, int r1, int c0, int c1) {
        int rows = r1 - r0, cols = c1 - c0, width = a.cols();
        DMatrixRMaj out = Limits.matrix(rows, cols);
        Node n = Node.op("slice", out, () -> {
            for (int r = 0; r < rows; r++)
                System.arraycopy(a.value.data, (r0 + r) * width + c0, out.data, r * cols, cols);
        }, a).params(r0, r1, c0, c1);
        return n.backward(() -> {
            double[] g = n.grad().data, ga = a.grad().data;
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++) ga[(r0 + r) * width + c0 + c] += g[r * cols + c];
        });
    }

    /** The parts one under another ({@code dim} 0) or side by side ({@code dim} 1). */
    public static Node cat(Node[] parts, int dim) {
        int rows = 0, cols = 0;
        for (int i = 0; i < parts.length; i++) {
            Node p = parts[i];
            if (dim == 0) {
                if (i > 0 && p.cols() != cols)
                    throw new MlpError("cat: every part must have " + cols + " columns, but part " + (i + 1) + " is " + Shapes.of(p.value));
                cols = p.cols();
                rows += p.rows();
            } else {
                if (i > 0 && p.rows() != rows)
                    throw new MlpError("cat: every part must have " + rows + " rows, but part " + (i + 1) + " is " + Shapes.of(p.value));
                rows = p.rows();
                cols += p.cols();
            }
        }
        DMatrixRMaj out = Limits.matrix(rows, cols);
        int totalRows = rows, totalCols = cols;
        Node n = Node.op("cat", out, () -> {
            int offset = 0;
            for (Node p : parts) {
                copyBlock(p.value, out, dim == 0 ? offset : 0, dim == 0 ? 0 : offset, false);
                offset += dim == 0 ? p.rows() : p.cols();
            }
        }, parts).params(dim);
        return n.backward(() -> {
            int offset = 0;
            for (Node p : parts) {
                if (p.requiresGrad()) copyBlock(p.grad(), n.grad(), dim == 0 ? offset : 0, dim == 0 ? 0 : offset, true);
                offset += dim == 0 ? p.rows() : p.cols();
            }
        });
    }

    /**
     * Forward ({@code back} false): copies {@code part} into {@code whole} at (r0, c0). Backward:
     * adds the block of {@code whole} at (r0, c0) into {@code part}.
     */
    private static void copyBlock(DMatrixRMaj part, DMatrixRMaj whole, int r0, int c0, boolean back) {
        int rows = part.numRows, cols = part.numCols, width = whole.numCols;
        for (int r = 0; r < rows; r++) {
            int w = (r0 + r) * width + c0, p = r * cols;
            if (back) for (int c = 0; c < cols; c++) part.data[p + c] += whole.data[w + c];
            else System.arraycopy(part.data, p, whole.data, w, cols);
        }
    }

    /** A copy with another shape (same elements, row-major). */
    public static Node reshape(Node a, int rows, int cols) {
        DMatrixRMaj out = Limits.matrix(rows, cols);
        Node n = Node.op("reshape", out, () -> System.arraycopy(a.value.data, 0, out.data, 0, rows * cols), a).params(rows, cols);
        return n.backward(() -> {
            double[] g = n.grad().data, ga = a.grad().data;
            for (int i = 0; i < rows * cols; i++) ga[i] += g[i];
        });
    }

    /**
     * A copy of a that records a gradient even when a is a constant (the data of a training
     * batch): a user's function layer or loss applied to it builds every step as a node, so the
     * compiled training graph recomputes it each epoch instead of keeping the first batch's value.
     */
    public static Node traced(Node a) {
        DMatrixRMaj out = Limits.matrix(a.rows(), a.cols());
        Node n = Node.traced("traced", out, () -> System.arraycopy(a.value.data, 0, out.data, 0, out.getNumElements()), a);
        return n.backward(() -> {
            if (!a.requiresGrad()) return;
            double[] g = n.grad().data, ga = a.grad().data;
            for (int i = 0, len = out.getNumElements(); i < len; i++) ga[i] += g[i];
        });
    }
}
