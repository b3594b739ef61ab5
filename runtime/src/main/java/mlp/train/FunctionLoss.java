package mlp.train;

import mlp.autograd.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * A loss made of a user's function: {@code train(..., loss=(p, t) -> mean(abs(p - t) ^ 3))}.
 * The language ({@code eval}) gives it a {@link Builder} that runs the function once per
 * compiled graph on traced copies of the predictions and targets; what that builds is re-run
 * every epoch, like a built-in loss's node.
 */
public final class FunctionLoss extends Loss {
    /** Given the predictions and targets (feature-major, as layers give them), the 1×1 loss node. */
    @FunctionalInterface
    public interface Builder {
        Node build(Node pred, Node y);
    }

    private final String name;
    private final Builder builder;

    public FunctionLoss(String name, Builder builder) {
        this.name = name;
        this.builder = builder;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String help() {
        return "A loss of your own: a function of (pred, y) giving a number or a 1×1 tensor.";
    }

    @Override
    public Node build(Node pred, Node y) {
        return builder.build(pred, y);
    }

    /** The function decides how it compares predictions and targets; only the rows must agree. */
    @Override
    public String mismatch(int rows, int cols, DMatrixRMaj y, String what) {
        return y.numRows != rows ? what + " has " + rows + " rows but y has " + y.numRows : null;
    }

    @Override
    public String nanHint() {
        return " (check the loss function; or try a smaller lr=)";
    }
}
