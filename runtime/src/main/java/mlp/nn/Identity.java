package mlp.nn;

import mlp.autograd.Node;

/** The identity: its output is its input. */
final class Identity extends Activation {
    @Override
    public String name() {
        return "identity";
    }

    @Override
    public String help() {
        return "The identity layer: its output is its input. Also an init: linear(2, 2, init=identity).";
    }

    @Override
    public Node apply(Node x) {
        return x;
    }

    @Override
    public double apply(double x) {
        return x;
    }
}
