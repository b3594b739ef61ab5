package mlp.train;

import mlp.autograd.LossOps;
import mlp.autograd.Node;
import mlp.autograd.Ops;
import mlp.eval.Args;
import mlp.eval.Callable;
import mlp.eval.Signature;
import mlp.tensor.Shapes;
import mlp.value.Num;
import mlp.value.Str;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

/**
 * A loss: a value for {@code train(..., loss=mse)} and a function, {@code mse(pred, y)}, giving
 * a number. The definitions are PyTorch's (see {@link LossOps}).
 */
public final class Loss implements Callable {
    public enum Kind { MSE, MAE, BCE, CROSS_ENTROPY, FUNCTION }

    public static final Loss MSE = new Loss(Kind.MSE);
    public static final Loss MAE = new Loss(Kind.MAE);
    public static final Loss BCE = new Loss(Kind.BCE);
    public static final Loss CROSS_ENTROPY = new Loss(Kind.CROSS_ENTROPY);

    private final Kind kind;
    private final Signature signature;
    // a user's function (pred, y) -> number: train(..., loss=(p, t) -> mean(abs(p - t) ^ 3))
    private final Callable fn;
    private final mlp.eval.Interpreter interpreter;
    private final mlp.syntax.Pos fnPos;

    private Loss(Kind kind) {
        this.kind = kind;
        this.signature = Signature.parse(name() + "(pred, y)");
        this.fn = null;
        this.interpreter = null;
        this.fnPos = null;
    }

    private Loss(Callable fn, mlp.eval.Interpreter interpreter, mlp.syntax.Pos at) {
        this.kind = Kind.FUNCTION;
        this.signature = Signature.parse("loss(pred, y)");
        this.fn = fn;
        this.interpreter = interpreter;
        this.fnPos = at;
    }

    /**
     * A loss made of a function of (pred, y) giving a number or a 1×1 tensor. Built into the
     * training graph once, on traced copies of the predictions and targets, so that every
     * built-in it uses is an autograd node the compiled plan re-runs each epoch.
     */
    public static Loss function(Callable fn, mlp.eval.Interpreter interpreter, mlp.syntax.Pos at) {
        if (fn.arity() >= 0 && fn.arity() != 2)
            throw new mlp.MlpError("a loss function takes two arguments, (pred, y) -> ..., but this one takes " + fn.arity(), at);
        return new Loss(fn, interpreter, at);
    }

    public Kind lossKind() {
        return kind;
    }

    public String name() {
        if (kind == Kind.FUNCTION) return fn.definedAt() != null ? "function (line " + fn.definedAt().line() + ")" : fn.signature();
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
        if (kind == Kind.FUNCTION) return null; // the function decides how it compares them
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
            case FUNCTION -> buildFunction(pred, y);
        };
    }

    private Node buildFunction(Node pred, Node y) {
        // back to a row per sample, as the function's user wrote it; traced, so that the graph re-runs it
        Node p = Ops.traced(Ops.transpose(pred)), t = Ops.traced(Ops.transpose(y));
        Value out = interpreter.compiling(() -> interpreter.call(fn, fnPos, new Tensor(p), new Tensor(t)));
        if (out instanceof Num n) return Ops.scalar(n.value()); // does not depend on the predictions: nothing to learn
        if (out instanceof Tensor r && r.rows() == 1 && r.cols() == 1) return r.node();
        throw new mlp.MlpError("the loss function must give a number or a 1×1 tensor (e.g. mean(...)), but gave "
                + mlp.eval.Interpreter.describe(out), fnPos);
    }

    /** A hint for a loss that became nan or infinite. */
    String nanHint() {
        if (kind == Kind.FUNCTION) return " (check the loss function; or try a smaller lr=)";
        return kind == Kind.BCE ? " (bce needs predictions between 0 and 1: end the model with sigmoid; or try a smaller lr=)"
                : " (try a smaller lr=, or standardize(X))";
    }

    @Override
    public Value call(Args args) {
        args.bind(signature);
        Tensor p = args.tensor("pred"), y = args.tensor("y");
        String why = mismatch(p.rows(), p.cols(), y.data(), "pred");
        if (why != null) throw args.error("y", signature + ": " + why);
        if (p.rows() == 0) throw args.error("pred", signature + ": pred is empty");
        if (kind == Kind.BCE)
            for (double v : p.data().data) if (!(v >= 0 && v <= 1))
                throw args.error("pred", "bce(pred, y): pred must hold probabilities between 0 and 1 (apply sigmoid first), but it contains "
                        + mlp.value.Format.number(v));
        Node out = build(Ops.transpose(p.node()), Ops.transpose(y.node()));
        if (out.requiresGrad()) return new Tensor(out);
        return new Num(out.value.data[0]);
    }

    @Override
    public String signature() {
        return signature.toString();
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
