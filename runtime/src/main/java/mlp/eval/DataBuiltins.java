package mlp.eval;

import mlp.MlpError;
import mlp.autograd.Node;
import mlp.autograd.Ops;
import mlp.syntax.Pos;
import mlp.tensor.Limits;
import mlp.tensor.Shapes;
import mlp.value.Format;
import mlp.value.ListValue;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Making tensors (random draws, constants, ranges, joining) and preparing real data. */
final class DataBuiltins implements Builtins.Module {
    // the signatures, and a handle for each parameter the bodies read: checked when this class initialises (see Param)
    private static final Signature RANDN = Signature.of("randn(r, c)");
    private static final Signature RAND = Signature.of("rand(r, c)");
    private static final Signature ZEROS = Signature.of("zeros(r, c)");
    private static final Signature ONES = Signature.of("ones(r, c)");
    private static final Signature EYE = Signature.of("eye(n)");
    private static final Signature LINSPACE = Signature.of("linspace(a, b, n)");
    private static final Signature CAT = Signature.of("cat(a, ..., dim=0)");
    private static final Signature STACK = Signature.of("stack(c, ...)");
    private static final Signature SPLIT = Signature.of("split(X, y, fraction=0.8)");
    private static final Signature STANDARDIZE = Signature.of("standardize(X, like=)");
    private static final Signature ONEHOT = Signature.of("onehot(labels, k=)");
    private static final Param A = Param.of("a", LINSPACE, CAT);
    private static final Param B = Param.of("b", LINSPACE);
    private static final Param C = Param.of("c", RANDN, RAND, ZEROS, ONES, STACK);
    private static final Param DIM = Param.of("dim", CAT);
    private static final Param FRACTION = Param.of("fraction", SPLIT);
    private static final Param K = Param.of("k", ONEHOT);
    private static final Param LABELS = Param.of("labels", ONEHOT);
    private static final Param LIKE = Param.of("like", STANDARDIZE);
    private static final Param N = Param.of("n", EYE, LINSPACE);
    private static final Param R = Param.of("r", RANDN, RAND, ZEROS, ONES);
    private static final Param X = Param.of("X", SPLIT, STANDARDIZE);
    private static final Param Y = Param.of("y", SPLIT);

    @Override
    public void register(Builtins b) {
        b.function("Data", RANDN,
                "An r×c tensor of draws from the standard normal distribution (mean 0, variance 1).\n"
                        + "After seed(n) the draws are the same on every run.\n"
                        + "Example: X = randn(100, 2) * 5",
                a -> random(a, Random::nextGaussian));
        b.function("Data", RAND,
                "An r×c tensor of draws uniform in [0, 1).\n"
                        + "After seed(n) the draws are the same on every run.",
                a -> random(a, Random::nextDouble));
        b.function("Data", ZEROS, "An r×c tensor of zeros.", a -> filled(a, 0));
        b.function("Data", ONES, "An r×c tensor of ones.", a -> filled(a, 1));
        b.function("Data", EYE, "The n×n identity matrix: ones on the diagonal, zeros elsewhere.", a -> {
            int n = a.count(N);
            DMatrixRMaj m = Limits.matrix(n, n);
            for (int i = 0; i < n; i++) m.unsafe_set(i, i, 1);
            return new Tensor(m);
        });
        b.function("Data", LINSPACE,
                "n evenly spaced numbers from a to b, both included, as an n×1 column.\n"
                        + "Example: linspace(-1, 1, 5) is the column -1, -0.5, 0, 0.5, 1.",
                DataBuiltins::linspace);
        b.function("Data", CAT,
                "Joins tensors one under another, or side by side with dim=1.\n"
                        + "dim=0 (the default) needs the same number of columns, dim=1 the same number of rows.\n"
                        + "A list of tensors works too: cat([X1, X2]).\n"
                        + "Example: X = cat(X1, X2, X3)",
                a -> {
                    int dim = dim(a, DIM);
                    if (dim < 0) throw a.error(DIM, a.sig() + ": dim must be 0 (rows) or 1 (columns)");
                    List<Part> parts = parts(a, A);
                    if (parts.size() == 1) return parts.get(0).tensor();
                    String along = dim == 0 ? "columns" : "rows";
                    int want = size(parts.get(0), dim);
                    for (int i = 1; i < parts.size(); i++) {
                        Part p = parts.get(i);
                        if (size(p, dim) != want)
                            throw new MlpError(a.sig() + ": every part must have " + want + " " + along + " (the first is "
                                    + Shapes.of(parts.get(0).node().value) + "), but part " + (i + 1) + " is "
                                    + Shapes.of(p.node().value) + (dim == 0 && p.node().rows() == parts.get(0).node().rows()
                                    ? "; to put them side by side use dim=1" : ""), p.pos());
                    }
                    return new Tensor(Ops.cat(nodes(parts), dim));
                }).differentiable();
        b.function("Data", STACK,
                "Puts columns side by side: n×1 columns (or 1×n rows, taken as columns) into an n×k tensor.\n"
                        + "A list of columns works too.\n"
                        + "Example: X = stack(linspace(-1, 1, 500), linspace(1, -1, 500))",
                a -> {
                    List<Part> parts = parts(a, C);
                    Node[] columns = new Node[parts.size()];
                    for (int i = 0; i < columns.length; i++) {
                        Part p = parts.get(i);
                        Node n = p.node();
                        if (n.rows() == 1 && n.cols() != 1) n = Ops.transpose(n);
                        else if (n.cols() != 1)
                            throw new MlpError(a.sig() + " takes columns (n×1), but part " + (i + 1) + " is "
                                    + Shapes.of(n.value) + "; use cat(..., dim=1) to join wider tensors", p.pos());
                        if (i > 0 && n.rows() != columns[0].rows())
                            throw new MlpError(a.sig() + ": every column must have " + columns[0].rows()
                                    + " rows, but part " + (i + 1) + " has " + n.rows(), p.pos());
                        columns[i] = n;
                    }
                    return new Tensor(Ops.cat(columns, 1));
                }).differentiable();
        b.function("Data", SPLIT,
                "Splits the rows into a training part and a test part, after a seeded shuffle.\n"
                        + "The rows of X and y are shuffled together (see seed); the first fraction of them are for\n"
                        + "training, the rest for testing, given as a list of four:\n"
                        + "[Xtrain, Xtest, ytrain, ytest] = split(X, y, 0.8)",
                DataBuiltins::split);
        b.function("Data", STANDARDIZE,
                "Scales each column of X to mean 0 and standard deviation 1.\n"
                        + "With like=A it uses A's column means and deviations instead (standardize a test set\n"
                        + "like its training set). A column that does not vary is only centred.\n"
                        + "Example: Xtest = standardize(Xtest, like=Xtrain)",
                DataBuiltins::standardize);
        b.function("Data", ONEHOT,
                "Turns class indices into rows of zeros with a 1 in the column of the class.\n"
                        + "labels is an n×1 column of 0, 1, ..., k-1; the result is n×k. k defaults to the largest\n"
                        + "label plus one.\n"
                        + "Example: onehot([[0], [2]], 3) is [[1, 0, 0], [0, 0, 1]]",
                DataBuiltins::onehot);
    }

    // ---- dim= ----

    /**
     * The dim= argument of cat and the reductions: 0 or 1 (-2 and -1 count from the end, as in
     * PyTorch); -1 when absent; an error for anything else.
     */
    static int dim(Args a, Param param) {
        if (!a.has(param)) return -1;
        long d = a.integer(param);
        if (d == -2) d = 0;
        if (d == -1) d = 1;
        if (d != 0 && d != 1)
            throw a.error(param, a.sig() + ": " + param + " must be 0 (down the rows) or 1 (across the columns), not " + d);
        return (int) d;
    }

    // ---- random and constant tensors ----

    private interface Draw {
        double next(Random r);
    }

    private static Value random(Args a, Draw draw) {
        DMatrixRMaj m = Limits.matrix(a.count(R), a.count(C));
        Random r = a.interpreter().random();
        for (int i = 0, n = m.getNumElements(); i < n; i++) m.data[i] = draw.next(r);
        return new Tensor(m);
    }

    private static Value filled(Args a, double v) {
        DMatrixRMaj m = Limits.matrix(a.count(R), a.count(C));
        if (v != 0) java.util.Arrays.fill(m.data, 0, m.getNumElements(), v);
        return new Tensor(m);
    }

    /** PyTorch's formula: from a upwards for the first half, from b downwards for the second, so both ends are exact. */
    private static Value linspace(Args a) {
        double from = a.number(A), to = a.number(B);
        int n = a.count(N);
        DMatrixRMaj m = Limits.matrix(n, 1);
        if (n == 1) m.data[0] = from;
        if (n > 1) {
            double step = (to - from) / (n - 1);
            int half = n / 2;
            for (int i = 0; i < n; i++) m.data[i] = i < half ? from + step * i : to - step * (n - 1 - i);
        }
        return new Tensor(m);
    }

    // ---- joining ----

    /** One tensor given to cat or stack, with where it was written. */
    private record Part(Tensor tensor, Pos pos) {
        Node node() {
            return tensor.node();
        }
    }

    /** The tensors given as arguments, or as the items of one list argument. */
    private static List<Part> parts(Args a, Param first) {
        List<Value> values = new ArrayList<>();
        List<Pos> where = new ArrayList<>();
        if (a.get(first) instanceof ListValue list && a.rest().isEmpty()) {
            if (list.length() == 0) throw a.error(first, a.sig() + ": the list is empty");
            for (int i = 0; i < list.length(); i++) {
                values.add(list.item(i));
                where.add(a.pos(first));
            }
        } else {
            values.add(a.get(first));
            where.add(a.pos(first));
            for (int i = 0; i < a.rest().size(); i++) {
                values.add(a.rest().get(i));
                where.add(a.restPos(i));
            }
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Value v = values.get(i);
            Tensor t = v instanceof Tensor tensor ? tensor
                    : v instanceof mlp.value.Num n ? new Tensor(new DMatrixRMaj(new double[][]{{n.value()}})) : null;
            if (t == null)
                throw new MlpError(a.sig() + ": part " + (i + 1) + " must be a tensor, not " + Interpreter.describe(v), where.get(i));
            parts.add(new Part(t, where.get(i)));
        }
        return parts;
    }

    private static int size(Part p, int dim) {
        return dim == 0 ? p.node().cols() : p.node().rows();
    }

    private static Node[] nodes(List<Part> parts) {
        Node[] out = new Node[parts.size()];
        for (int i = 0; i < out.length; i++) out[i] = parts.get(i).node();
        return out;
    }

    // ---- real data ----

    private static Value split(Args a) {
        DMatrixRMaj x = a.tensor(X).data(), y = a.tensor(Y).data();
        double fraction = a.number(FRACTION);
        if (!(fraction > 0 && fraction < 1))
            throw a.error(FRACTION, a.sig() + ": fraction must be between 0 and 1 (the part of the rows for training), not "
                    + Format.number(fraction));
        int n = x.numRows;
        if (y.numRows != n)
            throw a.error(Y, a.sig() + ": X and y must have the same number of rows, but X is " + Shapes.of(x)
                    + " and y is " + Shapes.of(y));
        int train = (int) Math.floor(fraction * n + 1e-9);
        if (train == 0 || train == n)
            throw a.error(FRACTION, a.sig() + ": " + Format.number(fraction) + " of " + n + (n == 1 ? " row" : " rows")
                    + " leaves " + (train == 0 ? "no rows for training" : "no rows for testing"));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Random r = a.interpreter().random();
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return new ListValue(List.of(rows(x, order, 0, train), rows(x, order, train, n),
                rows(y, order, 0, train), rows(y, order, train, n)));
    }

    private static Tensor rows(DMatrixRMaj m, int[] order, int from, int to) {
        int cols = m.numCols;
        DMatrixRMaj out = Limits.matrix(to - from, cols);
        for (int i = from; i < to; i++) System.arraycopy(m.data, order[i] * cols, out.data, (i - from) * cols, cols);
        return new Tensor(out);
    }

    /** (X - mean) / std per column, with the population standard deviation (as scikit-learn's StandardScaler). */
    private static Value standardize(Args a) {
        Tensor x = a.tensor(X);
        Param from = a.has(LIKE) ? LIKE : X;
        DMatrixRMaj stats = a.tensor(from).data();
        if (stats.numCols != x.cols())
            throw a.error(LIKE, a.sig() + ": X has " + x.cols() + " columns but like has " + stats.numCols);
        if (stats.numRows == 0)
            throw a.error(from, a.sig() + ": " + from + " has no rows to take means from " + Shapes.of(stats));
        int rows = stats.numRows, cols = stats.numCols;
        DMatrixRMaj mean = new DMatrixRMaj(1, cols), scale = new DMatrixRMaj(1, cols);
        for (int c = 0; c < cols; c++) {
            double s = 0;
            for (int r = 0; r < rows; r++) s += stats.data[r * cols + c];
            double mu = s / rows, v = 0;
            for (int r = 0; r < rows; r++) {
                double d = stats.data[r * cols + c] - mu;
                v += d * d;
            }
            double sd = Math.sqrt(v / rows);
            mean.data[c] = mu;
            scale.data[c] = sd == 0 ? 1 : sd;
        }
        // the statistics are constants: a gradient through standardize treats them as fixed
        return new Tensor(Ops.div(Ops.sub(x.node(), Node.constant(mean)), Node.constant(scale)));
    }

    private static Value onehot(Args a) {
        DMatrixRMaj labels = a.tensor(LABELS).data();
        if (labels.numCols != 1 && labels.numRows != 1)
            throw a.error(LABELS, a.sig() + ": labels must be a column of class indices (n×1), not " + Shapes.of(labels));
        int n = labels.getNumElements();
        boolean column = labels.numCols == 1;
        long k;
        if (a.has(K)) {
            k = a.count(K);
            if (k == 0) throw a.error(K, a.sig() + ": k, the number of classes, must be at least 1");
        } else {
            double max = -1;
            for (int i = 0; i < n; i++) max = Math.max(max, labels.data[i]);
            k = Double.isFinite(max) ? (long) Math.max(max, 0) + 1 : 1;
        }
        if (k > Integer.MAX_VALUE) throw a.error(K, a.sig() + ": k is too large: " + k);
        DMatrixRMaj out = Limits.matrix(n, (int) k);
        for (int i = 0; i < n; i++) {
            double v = labels.data[i];
            if (v != Math.rint(v) || v < 0 || v >= k)
                throw a.error(LABELS, a.sig() + ": labels " + (column ? "row " : "column ") + i + " is " + Format.number(v)
                        + ", not a class index from 0 to " + (k - 1));
            out.unsafe_set(i, (int) v, 1);
        }
        return new Tensor(out);
    }
}
