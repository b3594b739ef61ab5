package mlp.train;

import mlp.autograd.LossOps;
import mlp.autograd.Node;
import mlp.tensor.Shapes;
import mlp.value.Str;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

/**
 * A loss: a value for {@code train(..., loss=mse)} and a function, {@code mse(pred, y)}, giving
 * a number. The definitions are PyTorch's (see {@link LossOps}).
 */
public final class Loss implements Value {
    public enum Kind { MSE, MAE, BCE, CROSS_ENTROPY }

    public static final Loss MSE = new Loss(Kind.MSE);
    public static final Loss MAE = new Loss(Kind.MAE);
    public static final Loss BCE = new Loss(Kind.BCE);
    public static final Loss CROSS_ENTROPY = new Loss(Kind.CROSS_ENTROPY);

    private final Kind kind;

    private Loss(Kind kind) {
        this.kind = kind;
    }

    public Kind lossKind() {
        return kind;
    }

    public String name() {
        return kind.name().toLowerCase();
    }

    /** The loss a value names ({@code mse}, or the string "mse"), or null. */
    public static Loss of(Value v) {
        if (v instanceof Loss l) return l;
        if (v instanceof Str s) for (Loss l : new Loss[]{MSE, MAE, BCE, CROSS_ENTROPY}) if (l.name().equals(s.value())) return l;
        return null;
    }

    /**
     * Why predictions of {@code rows}×{@code cols} cannot be compared with the targets {@code y}
     * by this loss, or null when they can. The wording names the model's output as {@code what}.
     */
    public String mismatch(int rows, int cols, DMatrixRMaj y, String what) {
        if (y.numRows != rows)
            return what + " has " + rows + " rows but y has " + y.numRows;
        if (kind == Kind.CROSS_ENTROPY) {
            if (y.numCols == 1) {
                for (int i = 0; i < rows; i++) {
                    double t = y.data[i];
                    if (t != Math.rint(t) || t < 0 || t >= cols)
                        return "cross_entropy needs y to hold class indices 0 to " + (cols - 1) + " (one per row, for "
                                + cols + " output columns), but row " + i + " of y is " + mlp.value.Format.number(t);
                }
                return null;
            }
            if (y.numCols == cols) return null;
            return "cross_entropy compares " + what + " (" + cols + " class scores per row) with y as n×1 class indices or n×"
                    + cols + " class probabilities, but y is " + Shapes.of(y);
        }
        if (y.numCols != cols)
            return what + " has " + cols + (cols == 1 ? " column" : " columns") + " but y has " + y.numCols
                    + " (" + name() + " compares them element by element)";
        if (kind == Kind.BCE)
            for (double t : y.data) if (!(t >= 0 && t <= 1))
                return "bce needs targets between 0 and 1, but y contains " + mlp.value.Format.number(t);
        return null;
    }

    /**
     * The loss node (1×1) of predictions against targets (already checked with {@link #mismatch}),
     * both feature-major as the layers give them (out×n; class indices a 1×n row).
     */
    public Node build(Node pred, Node y) {
        return switch (kind) {
            case MSE -> LossOps.mse(pred, y);
            case MAE -> LossOps.mae(pred, y);
            case BCE -> LossOps.bce(pred, y);
            case CROSS_ENTROPY -> LossOps.crossEntropy(pred, y, y.rows() == 1); // one target per sample: class indices
        };
    }

    /**
     * Why predictions called with this loss as a function cannot be used, or null: bce needs
     * probabilities.
     */
    public String badPrediction(double[] pred) {
        if (kind == Kind.BCE)
            for (double v : pred) if (!(v >= 0 && v <= 1))
                return "bce(pred, y): pred must hold probabilities between 0 and 1 (apply sigmoid first), but it contains "
                        + mlp.value.Format.number(v);
        return null;
    }

    /** A hint for a loss that became nan or infinite. */
    public String nanHint() {
        return kind == Kind.BCE ? " (bce needs predictions between 0 and 1: end the model with sigmoid; or try a smaller lr=)"
                : " (try a smaller lr=, or standardize(X))";
    }

    /** How it is called as a function: {@code mse(pred, y)}. */
    public String signature() {
        return name() + "(pred, y)";
    }

    @Override
    public String kind() {
        return "loss";
    }

    @Override
    public String toString() {
        return "<loss " + name() + ">";
    }
}
