package mlp.eval;

import mlp.nn.Graph;
import mlp.nn.Layer;
import mlp.nn.Param;

import mlp.MlpError;
import mlp.autograd.Node;
import mlp.autograd.Plan;
import mlp.syntax.Pos;
import mlp.value.ListValue;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code grad(f, model)}: the gradients of sum(f(model)) with respect to each of the model's
 * parameters, in {@code model.params} order. The model runs in inference mode (batch norm's
 * running statistics), with its parameters as variables while f is called.
 */
public final class ModelGradient {
    private ModelGradient() {
    }

    public static Value of(Interpreter interpreter, Value f, Layer model, Pos fPos) {
        List<Param> params = model.params();
        Graph graph = Graph.tracking(params);
        return interpreter.withModelGradient(graph, () -> {
            Value y = interpreter.call(f, fPos, model);
            Node out;
            if (y instanceof Tensor t) out = t.node();
            else if (y instanceof Num) out = null; // a constant: every gradient is 0
            else throw new MlpError("grad(f, model): f must return a tensor or a number, not " + Interpreter.describe(y), fPos);
            if (out != null && out.requiresGrad()) new Plan(out).backward();
            List<Value> grads = new ArrayList<>();
            for (Param p : params) {
                Node n = graph.nodeOf(p);
                grads.add(new Tensor(n != null && n.hasGrad() && out != null && out.requiresGrad()
                        ? n.grad().copy() : new DMatrixRMaj(p.value.numRows, p.value.numCols)));
            }
            return new ListValue(grads);
        });
    }
}
