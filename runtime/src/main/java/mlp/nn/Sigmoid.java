package mlp.nn;

import mlp.autograd.Node;
import mlp.autograd.Ops;

/** The logistic function 1 / (1 + exp(-x)). */
final class Sigmoid extends Activation {
    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public String help() {
        return "The logistic function 1 / (1 + exp(-x)) elementwise — a layer, and a function on tensors and numbers.\n"
                + "Ends a binary classifier trained with loss=bce.";
    }

    @Override
    public Node apply(Node x) {
        return Ops.sigmoid(x);
    }

    @Override
    public double apply(double x) {
        return Ops.sigmoid(x);
    }
}
