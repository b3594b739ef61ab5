package mlp.train;

import mlp.autograd.Node;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

import java.util.List;
import java.util.Map;

/**
 * A loss: a value for {@code train(..., loss=mse)}, and (through the language) a function,
 * {@code mse(pred, y)}, giving a number. Each kind is one small class that owns its math (its
 * node, with the backward step, in {@link mlp.autograd.LossOps}), its checks of predictions
 * and targets, its name and help text; {@link Losses#ALL} lists them. The definitions are
 * PyTorch's.
 */
public abstract class Loss implements Value {
    /** Its name in the language: {@code mse}. */
    public abstract String name();

    /** What {@code :help} and the README say about it; the first line is the summary. */
    public abstract String help();

    /**
     * The loss node (1×1) of predictions against targets (already checked with {@link #mismatch}),
     * both feature-major as the layers give them (out×n; class indices a 1×n row).
     */
    public abstract Node build(Node pred, Node y);

    /** How the language calls it: {@code mse(pred, y)}, with its settings after them. */
    public String signature() {
        StringBuilder s = new StringBuilder(name()).append("(pred, y");
        for (String n : settingNames()) s.append(", ").append(n).append('=').append(mlp.value.Format.number(setting(n)));
        return s.append(')').toString();
    }

    /** The names of its settings (huber's {@code delta}); none for most losses. */
    public List<String> settingNames() {
        return List.of();
    }

    /** A setting's value. */
    public double setting(String name) {
        throw new IllegalArgumentException(name);
    }

    /** The same loss with some settings changed (already checked: finite and > 0). */
    public Loss with(Map<String, Double> changed) {
        return this;
    }

    /**
     * Why predictions of {@code rows}×{@code cols} cannot be compared with the targets {@code y}
     * by this loss, or null when they can. The wording names the model's output as {@code what}.
     * By default the two are compared element by element.
     */
    public String mismatch(int rows, int cols, DMatrixRMaj y, String what) {
        if (y.numRows != rows)
            return what + " has " + rows + " rows but y has " + y.numRows;
        if (y.numCols != cols)
            return what + " has " + cols + (cols == 1 ? " column" : " columns") + " but y has " + y.numCols
                    + " (" + name() + " compares them element by element)";
        return null;
    }

    /** Why predictions given to it as a function cannot be used (bce needs probabilities), or null. */
    public String badPrediction(double[] pred) {
        return null;
    }

    /** A hint for a loss that became nan or infinite. */
    public String nanHint() {
        return " (try a smaller lr=, or standardize(X))";
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
