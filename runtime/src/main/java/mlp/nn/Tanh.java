package mlp.nn;

import mlp.autograd.Node;
import mlp.autograd.Ops;

/** The hyperbolic tangent. */
final class Tanh extends Activation {
    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public String help() {
        return "The hyperbolic tangent elementwise — a layer, and a function on tensors and numbers.";
    }

    @Override
    public Node apply(Node x) {
        return Ops.tanh(x);
    }

    @Override
    public double apply(double x) {
        return Math.tanh(x);
    }
}
