package mlp.autograd;

import mlp.MlpError;
import mlp.tensor.Limits;
import mlp.tensor.Shapes;
import org.ejml.data.DMatrixRMaj;

/**
 * Differentiable selection: rows or columns picked by position (index tensors, masks, step
 * slices), {@code clip} and {@code where}. Each forward beside its backward, as in {@link Ops}.
 */
public final class SelectOps {
    private SelectOps() {
    }

    /** The rows of a at the given positions (each in range), in that order; repeats allowed. */
    public static Node rows(Node a, int[] picks) {
        int cols = a.cols();
        DMatrixRMaj out = Limits.matrix(picks.length, cols);
        Node n = Node.op("rows", out, () -> {
            for (int i = 0; i < picks.length; i++) System.arraycopy(a.value.data, picks[i] * cols, out.data, i * cols, cols);
        }, a).params(java.util.Arrays.stream(picks).asDoubleStream().toArray());
        return n.backward(() -> {
            double[] g = n.grad().data, ga = a.grad().data;
            for (int i = 0; i < picks.length; i++)
                for (int c = 0; c < cols; c++) ga[picks[i] * cols + c] += g[i * cols + c];
        });
    }

    /** The columns of a at the given positions, in that order. */
    public static Node cols(Node a, int[] picks) {
        int rows = a.rows(), width = a.cols(), k = picks.length;
        DMatrixRMaj out = Limits.matrix(rows, k);
        Node n = Node.op("cols", out, () -> {
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < k; j++) out.data[r * k + j] = a.value.data[r * width + picks[j]];
        }, a).params(java.util.Arrays.stream(picks).asDoubleStream().toArray());
        return n.backward(() -> {
            double[] g = n.grad().data, ga = a.grad().data;
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < k; j++) ga[r * width + picks[j]] += g[r * k + j];
        });
    }

    /** Each element held between lo and hi; the gradient passes where it was not clipped. */
    public static Node clip(Node a, double lo, double hi) {
        DMatrixRMaj out = Limits.matrix(a.rows(), a.cols());
        Node n = Node.op("clip", out, () -> {
            double[] x = a.value.data, o = out.data;
            for (int i = 0, len = out.getNumElements(); i < len; i++) o[i] = Double.isNaN(x[i]) ? x[i] : Math.min(hi, Math.max(lo, x[i]));
        }, a).params(lo, hi);
        return n.backward(() -> {
            double[] x = a.value.data, g = n.grad().data, ga = a.grad().data;
            for (int i = 0, len = out.getNumElements(); i < len; i++) if (x[i] >= lo && x[i] <= hi) ga[i] += g[i];
        });
    }

    /**
     * {@code where(c, a, b)}: a's element where c is non-zero, else b's; all three broadcast
     * (NumPy's rules). The gradient goes to a or b, whichever was taken; c gets none.
     */
    public static Node where(Node c, Node a, Node b) {
        int[] ab = Shapes.broadcast("where", a.value, b.value);
        DMatrixRMaj shape = new DMatrixRMaj(ab[0], ab[1]);
        int[] s = Shapes.broadcast("where", c.value, shape);
        int rows = s[0], cols = s[1];
        DMatrixRMaj out = Limits.matrix(rows, cols);
        Node n = Node.op("where", out, () -> {
            for (int r = 0; r < rows; r++)
                for (int k = 0; k < cols; k++)
                    out.data[r * cols + k] = at(c.value, r, k) != 0 ? at(a.value, r, k) : at(b.value, r, k);
        }, c, a, b);
        return n.backward(() -> {
            double[] g = n.grad().data;
            for (int r = 0; r < rows; r++)
                for (int k = 0; k < cols; k++) {
                    boolean takeA = at(c.value, r, k) != 0;
                    Node to = takeA ? a : b;
                    if (to.requiresGrad()) to.grad().data[index(to.value, r, k)] += g[r * cols + k];
                }
        });
    }

    private static double at(DMatrixRMaj m, int r, int c) {
        return m.data[index(m, r, c)];
    }

    // the element a broadcast matrix shows at (r, c)
    private static int index(DMatrixRMaj m, int r, int c) {
        return (m.numRows == 1 ? 0 : r) * m.numCols + (m.numCols == 1 ? 0 : c);
    }

    /** The positions a slice {@code from:to:step} takes in an axis of {@code size} (Python's rules). */
    public static int[] stepped(Long from, Long to, long step, int size) {
        if (step == 0) throw new MlpError("a slice step cannot be zero");
        long start, stop;
        if (step > 0) {
            start = from == null ? 0 : clamp(from, size, 0, size);
            stop = to == null ? size : clamp(to, size, 0, size);
        } else {
            start = from == null ? size - 1 : clamp(from, size, -1, size - 1);
            stop = to == null ? -1 : clamp(to, size, -1, size - 1);
        }
        int count = (int) Math.max(0, step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) out[i] = (int) (start + i * step);
        return out;
    }

    private static long clamp(long i, int size, long lo, long hi) {
        long k = i < 0 ? i + size : i;
        return Math.max(lo, Math.min(hi, k));
    }
}
