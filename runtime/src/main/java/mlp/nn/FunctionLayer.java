package mlp.nn;

import mlp.MlpError;
import mlp.autograd.Node;
import mlp.autograd.Ops;
import mlp.eval.Callable;
import mlp.eval.Interpreter;
import mlp.syntax.Pos;
import mlp.value.Tensor;
import mlp.value.Value;

/**
 * A function of one tensor standing in a stack: {@code linear(2, 16) |> (x -> x * sigmoid(x))}.
 * It has no parameters and keeps its input's width. Built into a training graph, the function
 * runs once, on a traced copy of its input ({@link Ops#traced}), so every built-in it uses
 * becomes an autograd node the compiled plan re-runs each epoch; a built-in without a gradient
 * is an error naming it.
 */
final class FunctionLayer extends AnyWidthLayer {
    private final Interpreter interpreter;
    private final Callable fn;
    private final Pos usedAt;

    FunctionLayer(Interpreter interpreter, Callable fn, Pos usedAt) {
        this.interpreter = interpreter;
        this.fn = fn;
        this.usedAt = usedAt;
    }

    @Override
    public Node forward(Node x, Graph graph) {
        Node rows = Ops.transpose(x); // back to a row per sample, as the function's user wrote it
        Node input = graph.training() && !rows.requiresGrad() ? Ops.traced(rows) : rows;
        Value out = graph.training()
                ? interpreter.compiling(() -> interpreter.call(fn, usedAt, new Tensor(input)))
                : interpreter.call(fn, usedAt, new Tensor(input));
        if (!(out instanceof Tensor t))
            throw new MlpError(describe() + " must give a tensor, but gave " + Interpreter.describe(out), usedAt);
        if (t.rows() != input.rows() || t.cols() != input.cols())
            throw new MlpError(describe() + " must keep its input's shape " + mlp.tensor.Shapes.of(input.value)
                    + " (a function in a stack is a layer of the same width), but gave " + mlp.tensor.Shapes.of(t.data()), usedAt);
        return Ops.transpose(t.node());
    }

    @Override
    public String describe() {
        Pos at = fn.definedAt();
        return at != null ? "function (line " + at.line() + ")" : fn.signature();
    }
}
