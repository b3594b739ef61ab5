package mlp.nn;

import mlp.autograd.LayerOps;
import mlp.autograd.Node;
import mlp.autograd.Ops;
import mlp.value.Format;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;

import java.util.List;

/**
 * The activations: {@code relu sigmoid tanh leaky_relu softmax identity}. Each is one value
 * that is both a layer (in a {@code |>} stack) and a function on tensors and numbers
 * ({@code relu(z1)}, {@code sigmoid(0.5)}). They have no parameters and keep the width.
 */
public final class Activation extends AnyWidthLayer {
    public enum Kind { RELU, SIGMOID, TANH, LEAKY_RELU, SOFTMAX, IDENTITY }

    public static final double DEFAULT_SLOPE = 0.01;

    public static final Activation RELU = new Activation(Kind.RELU, 0);
    public static final Activation SIGMOID = new Activation(Kind.SIGMOID, 0);
    public static final Activation TANH = new Activation(Kind.TANH, 0);
    /** The built-in {@code leaky_relu}: slope 0.01; {@code leaky_relu(0.2)} makes another slope. */
    public static final Activation LEAKY_RELU = new Activation(Kind.LEAKY_RELU, DEFAULT_SLOPE);
    public static final Activation SOFTMAX = new Activation(Kind.SOFTMAX, 0);
    public static final Activation IDENTITY = new Activation(Kind.IDENTITY, 0);

    private final Kind kind;
    private final double slope;

    private Activation(Kind kind, double slope) {
        this.kind = kind;
        this.slope = slope;
    }

    public static Activation leaky(double slope) {
        return new Activation(Kind.LEAKY_RELU, slope);
    }

    public Kind activation() {
        return kind;
    }

    public double slope() {
        return slope;
    }

    public String name() {
        return kind.name().toLowerCase();
    }

    @Override
    public Node forward(Node x, Graph graph) {
        return switch (kind) {
            case RELU -> Ops.relu(x);
            case SIGMOID -> Ops.sigmoid(x);
            case TANH -> Ops.tanh(x);
            case LEAKY_RELU -> LayerOps.leakyRelu(x, slope);
            case SOFTMAX -> LayerOps.softmax(x);
            case IDENTITY -> x;
        };
    }

    /** The activation on a tensor as users hold it (a row per sample): elementwise, or per row for softmax. */
    public Node onRows(Node x) {
        if (kind == Kind.SOFTMAX) return Ops.transpose(LayerOps.softmax(Ops.transpose(x)));
        return forward(x, Graph.inference());
    }

    /** The function on one number. */
    public double apply(double x) {
        return switch (kind) {
            case RELU -> x > 0 ? x : 0;
            case SIGMOID -> Ops.sigmoid(x);
            case TANH -> Math.tanh(x);
            case LEAKY_RELU -> x > 0 ? x : slope * x;
            case SOFTMAX -> Double.isNaN(x) ? x : 1; // the softmax of a single value
            case IDENTITY -> x;
        };
    }

    @Override
    public String describe() {
        return kind == Kind.LEAKY_RELU ? "leaky_relu(" + Format.number(slope) + ")" : name();
    }

    @Override
    public Value member(String name) {
        return kind == Kind.LEAKY_RELU && name.equals("slope") ? new Num(slope) : null;
    }

    @Override
    public List<String> memberNames() {
        return kind == Kind.LEAKY_RELU ? List.of("slope") : List.of();
    }

}
