package mlp.nn;

import mlp.autograd.Node;
import mlp.tensor.Limits;
import mlp.value.Num;
import mlp.value.Value;

import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * An activation: a layer without parameters that keeps the width and applies one function
 * elementwise (softmax: per sample). Each kind is one small class that owns its math (forward
 * and backward through its node, and the function on one number), its name and its help text;
 * {@link Activations#ALL} lists them, and the language, model files and the README read that
 * list. The language also calls an activation as a function on tensors and numbers
 * ({@code relu(z1)}, {@code sigmoid(0.5)}).
 */
public abstract class Activation extends AnyWidthLayer {
    public static final double DEFAULT_SLOPE = 0.01;

    public static final Activation RELU = new Relu();
    public static final Activation SIGMOID = new Sigmoid();
    public static final Activation TANH = new Tanh();
    /** The built-in {@code leaky_relu}: slope 0.01; {@code leaky_relu(0.2)} makes another slope. */
    public static final Activation LEAKY_RELU = new LeakyRelu(DEFAULT_SLOPE);
    public static final Activation SOFTMAX = new Softmax();
    public static final Activation IDENTITY = new Identity();

    /** A leaky ReLU of another slope. */
    public static Activation leaky(double slope) {
        return new LeakyRelu(slope);
    }

    /** Its name in the language and in model files: {@code relu}. */
    public abstract String name();

    /** What {@code :help} and the README say about it; the first line is the summary. */
    public abstract String help();

    /**
     * The activation on feature-major x (one column per sample). By default elementwise, from
     * {@link #apply(double)} and {@link #derivative}; the first activations have kernels of
     * their own in mlp.autograd.
     */
    public Node apply(Node x) {
        DMatrixRMaj out = Limits.matrix(x.rows(), x.cols());
        int len = out.getNumElements();
        Node node = Node.op(name(), out, () -> {
            double[] xd = x.value.data, yd = out.data;
            for (int i = 0; i < len; i++) yd[i] = apply(xd[i]);
        }, x);
        return node.backward(() -> {
            double[] xd = x.value.data, yd = out.data, g = node.grad().data, gx = x.grad().data;
            for (int i = 0; i < len; i++) gx[i] += g[i] * derivative(xd[i], yd[i]);
        });
    }

    /** The function on one number. */
    public abstract double apply(double x);

    /** Its slope at x, where it gives y (for {@link #apply(Node)}'s backward step). */
    public double derivative(double x, double y) {
        throw new UnsupportedOperationException(name() + " has a kernel of its own");
    }

    /** The activation on a tensor as users hold it (a row per sample). Elementwise ones need no transposing. */
    public Node onRows(Node x) {
        return apply(x);
    }

    /**
     * The one setting it is made with, such as leaky_relu's {@code slope}, or null. An activation
     * with a setting is called with a number to make another one ({@code leaky_relu(0.2)}).
     */
    public String settingName() {
        return null;
    }

    /** Its setting's value (only when {@link #settingName} is not null). */
    public double setting() {
        throw new UnsupportedOperationException(name() + " has no setting");
    }

    /** The same activation with another setting (only when {@link #settingName} is not null). */
    public Activation withSetting(double value) {
        throw new UnsupportedOperationException(name() + " has no setting");
    }

    /** How the language calls it: {@code relu(x)}, or {@code leaky_relu(slope)} for one with a setting. */
    public String signature() {
        return name() + "(" + (settingName() != null ? settingName() : "x") + ")";
    }

    @Override
    public final Node forward(Node x, Graph graph) {
        return apply(x);
    }

    @Override
    public String describe() {
        return settingName() == null ? name() : name() + "(" + mlp.value.Format.number(setting()) + ")";
    }

    @Override
    public String type() {
        return name();
    }

    @Override
    public void write(LayerWriter out) {
        if (settingName() != null) out.number(settingName(), setting());
    }

    /** Reads an activation of this kind from a model file: itself, or one of the setting written. */
    public Layer read(LayerReader in) {
        return settingName() == null ? this : withSetting(in.number(settingName()));
    }

    @Override
    public Value member(String name) {
        return settingName() != null && name.equals(settingName()) ? new Num(setting()) : null;
    }

    @Override
    public List<String> memberNames() {
        return settingName() != null ? List.of(settingName()) : List.of();
    }
}
