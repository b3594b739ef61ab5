package mlp.eval;

import mlp.nn.Stack;
import mlp.nn.Layer;
import mlp.MlpError;
import mlp.syntax.Pos;
import mlp.value.Tensor;
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
        Layer a = layer(interpreter, left, leftPos);
        Layer b = layer(interpreter, right, rightPos);
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

    /**
     * The layer a pipeline operand stands for (a bare maker makes a fresh one; a function of one
     * argument is a layer without parameters).
     */
    public static Layer layer(Interpreter interpreter, Value v, Pos pos) {
        if (v instanceof Layer l) return l;
        if (v instanceof LayerMaker m) return m.fresh();
        if (v instanceof mlp.eval.Callable fn && fn.kind().equals("function")) {
            if (fn.arity() >= 0 && fn.arity() != 1)
                throw new MlpError("a function in a stack is a layer of one argument (x -> ...), but this one takes "
                        + fn.arity(), pos);
            return functionLayer(interpreter, fn, pos);
        }
        return layer(v, pos);
    }

    /**
     * A function in a stack: its body calls the function (inside a training graph, as the
     * building of a compiled graph: see {@link Interpreter#compiling()}) and checks that it keeps
     * its input's shape. Errors inside say "called from" where the function stands in the stack.
     */
    static Layer functionLayer(Interpreter interpreter, Callable fn, Pos usedAt) {
        String name = fn.definedAt() != null ? "function (line " + fn.definedAt().line() + ")" : fn.signature();
        return new mlp.nn.FunctionLayer(name, (input, training) -> {
            Value out = training
                    ? interpreter.compiling(() -> interpreter.call(fn, usedAt, new Tensor(input)))
                    : interpreter.call(fn, usedAt, new Tensor(input));
            if (!(out instanceof Tensor t))
                throw new MlpError(name + " must give a tensor, but gave " + Interpreter.describe(out), usedAt);
            if (t.rows() != input.rows() || t.cols() != input.cols())
                throw new MlpError(name + " must keep its input's shape " + mlp.tensor.Shapes.of(input.value)
                        + " (a function in a stack is a layer of the same width), but gave " + mlp.tensor.Shapes.of(t.data()), usedAt);
            return t.node();
        });
    }

    /** The layer a pipeline operand stands for (a bare maker makes a fresh one). */
    public static Layer layer(Value v, Pos pos) {
        if (v instanceof Layer l) return l;
        if (v instanceof LayerMaker m) return m.fresh();
        throw new MlpError("'|>' joins layers into a model, but this is " + Interpreter.describe(v)
                + (Calls.callable(v) != null ? " (only layers can be stacked; apply a function to a tensor: X |> f)" : ""), pos);
    }
}
