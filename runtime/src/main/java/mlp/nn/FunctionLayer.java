package mlp.nn;

import mlp.autograd.Node;
import mlp.autograd.Ops;

/**
 * A function of one tensor standing in a stack: {@code linear(2, 16) |> (x -> x * sigmoid(x))}.
 * It has no parameters and keeps its input's width. The language gives it a {@link Body} that
 * runs the user's function; built into a training graph, the body gets a traced copy of its
 * input ({@link Ops#traced}), so that every built-in the function uses becomes an autograd node
 * the compiled plan re-runs each epoch.
 */
public final class FunctionLayer extends AnyWidthLayer {
    /** The user's function on an n×width input, a row per sample; gives the same shape. */
    @FunctionalInterface
    public interface Body {
        Node apply(Node rows, boolean training);
    }

    private final String name;
    private final Body body;

    public FunctionLayer(String name, Body body) {
        this.name = name;
        this.body = body;
    }

    @Override
    public Node forward(Node x, Graph graph) {
        Node rows = Ops.transpose(x); // back to a row per sample, as the function's user wrote it
        // in a graph that is re-run, a function of values fixed at build time must still be re-run too
        Node input = graph.compiled() && !rows.requiresGrad() ? Ops.traced(rows) : rows;
        return Ops.transpose(body.apply(input, graph.training()));
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public String type() {
        return "function";
    }

    /**
     * Its ONNX form: the ops its body runs, traced (see {@link FunctionOnnx}); a body using
     * something ONNX cannot hold is an error naming this function and the op.
     */
    @Override
    public String writeOnnx(OnnxWriter out, String x) {
        return FunctionOnnx.write(name, body, out, x);
    }

    /** A function is code, not data: a model file cannot hold it. */
    @Override
    public void write(LayerWriter out) {
        throw new mlp.MlpError("cannot save " + name + ": a function in a model is code, which a model file cannot hold"
                + " (save the layers around it, or write the function again after load)");
    }
}
