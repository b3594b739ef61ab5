package mlp.nn;

import mlp.autograd.Node;
import mlp.autograd.Ops;

/** ReLU: max(x, 0). */
final class Relu extends Activation {
    @Override
    public String name() {
        return "relu";
    }

    @Override
    public String help() {
        return "ReLU: max(x, 0) elementwise — a layer, and a function on tensors and numbers.\n"
                + "In a stack: linear(2, 16) |> relu |> linear(2). As a function: relu(z1), relu(-3) is 0.\n"
                + "Its gradient is 0 where x <= 0 (the vanishing gradient of the tutorial).";
    }

    @Override
    public Node apply(Node x) {
        return Ops.relu(x);
    }

    @Override
    public double apply(double x) {
        return x > 0 ? x : 0;
    }
}
