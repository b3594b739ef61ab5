package mlp.eval;

import mlp.nn.Stack;
import mlp.nn.Layer;
import mlp.MlpError;
import mlp.syntax.Pos;
import mlp.value.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a |> b} where a is not a tensor: joining layers into a stack. The right side's input
 * width is resolved from the left side's output when that is known, so a width that does not
 * fit is reported at the right side: {@code linear(2, 2) expects 2 inputs but the layer before
 * gives 3}. Stacks are flattened: {@code (a |> b) |> c} is the stack [a, b, c] (the same layer
 * objects, so a layer used twice shares its weights).
 */
public final class Pipelines {
    private Pipelines() {
    }

    public static Value pipe(Interpreter interpreter, Value left, Value right, Pos leftPos, Pos rightPos) {
        Layer a = layer(left, leftPos);
        Layer b = layer(right, rightPos);
        int width = a.outWidth(a.inWidth());
        if (width >= 0) {
            try {
                b.resolve(width, interpreter.random(), Layer.Given.LAYER_BEFORE);
            } catch (MlpError e) {
                throw e.at(rightPos);
            }
        }
        List<Layer> layers = new ArrayList<>();
        add(layers, a);
        add(layers, b);
        return new Stack(layers);
    }

    private static void add(List<Layer> into, Layer l) {
        if (l instanceof Stack s) into.addAll(s.layers());
        else into.add(l);
    }

    /** The layer a pipeline operand stands for (a bare maker makes a fresh one). */
    public static Layer layer(Value v, Pos pos) {
        if (v instanceof Layer l) return l;
        if (v instanceof LayerMaker m) return m.fresh();
        throw new MlpError("'|>' joins layers into a model, but this is " + Interpreter.describe(v)
                + (Calls.callable(v) != null ? " (only layers can be stacked; apply a function to a tensor: X |> f)" : ""), pos);
    }
}
