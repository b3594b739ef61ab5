package mlp.nn;

import mlp.MlpError;
import mlp.autograd.Node;
import mlp.autograd.Ops;
import mlp.value.HasMembers;
import mlp.value.Pipeable;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A layer: a value that maps an n×in tensor to an n×out tensor (Flux's Dense/Chain idea). The
 * language calls it ({@code model(X)}, inference mode; see mlp.eval.Calls); it stands in {@code |>} pipelines, and has members
 * ({@code .weight}, {@code .layers}).
 *
 * <p>Widths may be left out ({@code linear(16)}, {@code batchnorm}): such a layer is
 * <em>resolved</em> in place the first time its input width becomes known (piped after a layer
 * of known width, applied to a tensor, trained), and allocates its parameters then. A resolved
 * layer keeps its widths; feeding it another width is an error naming the layer.
 */
public abstract class Layer implements Pipeable, HasMembers {

    /** Says where an input width came from, for width errors: "the layer before gives 3". */
    @FunctionalInterface
    public interface Given {
        String say(int width);

        Given LAYER_BEFORE = w -> "the layer before gives " + w;

        static Given tensor() {
            return w -> "the tensor has " + w + (w == 1 ? " column" : " columns");
        }
    }

    /** The input width this layer needs, or -1 when it takes any width or does not know it yet. */
    public abstract int inWidth();

    /** The output width for an input of width {@code in} (which may be -1); -1 when unknown. */
    public abstract int outWidth(int in);

    /** True when the output has the input's width whatever it is (activations, batch norm, ...). */
    public boolean keepsWidth() {
        return false;
    }

    /**
     * Fixes the input width, allocating and initialising parameters (from {@code random}) if
     * they did not exist yet. A width that does not fit is an error worded with {@code given}.
     */
    public abstract void resolve(int in, Random random, Given given);

    /** True when every width and parameter is known (the layer can run). */
    public abstract boolean resolved();

    /**
     * Builds this layer's computation on x, whose width the layer has been resolved for. The
     * nodes are <em>feature-major</em> (see {@link mlp.autograd.LayerOps}): x is in×n, one column
     * per sample, and so is the result (out×n). {@link #apply} does the transposing for tensors
     * as users hold them.
     */
    public abstract Node forward(Node x, Graph graph);

    /** How the layer is named in messages and summaries: {@code linear(2, 16)}. */
    public abstract String describe();

    /** Its type name in a model file: {@code linear}; {@link LayerKinds} reads it back. */
    public abstract String type();

    /**
     * Writes its serialised form: its settings, parameters and state buffers (the type is
     * written for it). A layer of no settings writes nothing.
     */
    public void write(LayerWriter out) {
    }

    /**
     * Its own state buffers that are not parameters but change while training (batch norm's
     * running statistics), so that a checkpoint can put them back. None for most layers.
     */
    protected List<DMatrixRMaj> ownBuffers() {
        return List.of();
    }

    /** Every parameter's matrix, then every state buffer, of this layer and the layers inside it, each once. */
    public final List<DMatrixRMaj> state() {
        List<DMatrixRMaj> out = new ArrayList<>();
        for (Param p : params()) out.add(p.value);
        collectBuffers(this, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private static void collectBuffers(Layer l, List<DMatrixRMaj> out, Set<Layer> seen) {
        if (!seen.add(l)) return;
        out.addAll(l.ownBuffers());
        for (Layer c : l.children()) collectBuffers(c, out, seen);
    }

    /** The rows of its summary table: a stack's layers, or itself. */
    public List<Layer> summaryRows() {
        return List.of(this);
    }

    /** The layers inside this one (a stack's, a residual block's), none for a plain layer. */
    public List<Layer> children() {
        return List.of();
    }

    /** The most layers one model may hold, counting a layer each time it appears in it. */
    public static final int MAX_LAYERS = 10_000;

    /** How deep layers may sit inside one another (residual(residual(...)) and their stacks). */
    public static final int MAX_NESTING = 100;

    /**
     * Checks a model about to be made of these layers against {@link #MAX_LAYERS} and
     * {@link #MAX_NESTING}: the layers' methods walk models recursively, and a stack doubled
     * again and again ({@code m = m |> m}) grows exponentially.
     */
    static void checkSize(List<Layer> parts) {
        long[] count = {0};
        for (Layer l : parts) measure(l, 2, count);
    }

    private static void measure(Layer l, int depth, long[] count) {
        if (depth > MAX_NESTING)
            throw new MlpError("the model nests too deeply: more than " + MAX_NESTING + " layers inside one another");
        if (++count[0] > MAX_LAYERS)
            throw new MlpError("the model is too large: more than " + MAX_LAYERS + " layers");
        for (Layer c : l.children()) measure(c, depth + 1, count);
    }

    /** This layer's own parameters (not its children's). */
    protected List<Param> ownParams() {
        return List.of();
    }

    /** Every parameter of this layer and the layers inside it, each once, in a fixed order. */
    public final List<Param> params() {
        List<Param> out = new ArrayList<>();
        collect(this, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private static void collect(Layer l, List<Param> out, Set<Param> seen) {
        for (Param p : l.ownParams()) if (seen.add(p)) out.add(p);
        for (Layer c : l.children()) collect(c, out, seen);
    }

    /** The number of learnable numbers. */
    public final long parameterCount() {
        long n = 0;
        for (Param p : params()) n += p.size();
        return n;
    }

    /** The width error: {@code linear(2, 2) expects 2 inputs but the layer before gives 3}. */
    protected MlpError widthError(int expected, int got, Given given) {
        return new MlpError(describe() + " expects " + expected + (expected == 1 ? " input" : " inputs")
                + " but " + given.say(got));
    }

    /**
     * For a layer whose width is either given or taken from the layer before (batchnorm,
     * residual): true when it was already fixed (and fits {@code in}), false when it is still to
     * be inferred from {@code in}.
     */
    protected final boolean widthFixed(int width, int in, Given given) {
        if (width < 0) return false;
        if (in != width) throw widthError(width, in, given);
        return true;
    }

    // ---- applying a layer to a tensor (inference mode) ----

    /** Resolves the layer for x's width, then runs it on x (n×in, a row per sample) in inference mode. */
    public Node apply(Node x, Random random, Given given) {
        resolve(x.cols(), random, given);
        return Ops.transpose(forward(Ops.transpose(x), Graph.inference()));
    }

    @Override
    public String kind() {
        return "layer";
    }

    // ---- members ----

    @Override
    public Value member(String name) {
        return null;
    }

    @Override
    public List<String> memberNames() {
        return List.of();
    }

    /** A parameter as a tensor value: a copy, so later training does not change a value a script holds. */
    protected Value paramValue(Param p, String name) {
        if (p == null)
            throw new MlpError(describe() + " has no " + name + " yet: its input width is not known (apply it to data, or give the width)");
        return new Tensor(p.value.copy());
    }

    /** One line, {@code <layer linear(2, 3): 9 parameters>}; a stack prints as its summary table. */
    @Override
    public String toString() {
        long count = parameterCount();
        return "<layer " + describe() + (count > 0 ? ": " + count + (count == 1 ? " parameter" : " parameters") : "") + ">";
    }
}
