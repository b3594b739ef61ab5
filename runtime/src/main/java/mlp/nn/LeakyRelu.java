package mlp.nn;

import mlp.autograd.LayerOps;
import mlp.autograd.Node;

/** Leaky ReLU: x where x > 0, slope × x elsewhere. */
final class LeakyRelu extends Activation {
    private final double slope;

    LeakyRelu(double slope) {
        this.slope = slope;
    }

    @Override
    public String name() {
        return "leaky_relu";
    }

    @Override
    public String help() {
        return "Leaky ReLU: x where x > 0, slope × x elsewhere — a layer.\n"
                + "leaky_relu(0.2) is the layer with slope 0.2; a bare leaky_relu has PyTorch's slope 0.01\n"
                + "(and leaky_relu(X) applies it to a tensor).";
    }

    @Override
    public Node apply(Node x) {
        return LayerOps.leakyRelu(x, slope);
    }

    @Override
    public double apply(double x) {
        return x > 0 ? x : slope * x;
    }

    @Override
    public String settingName() {
        return "slope";
    }

    @Override
    public double setting() {
        return slope;
    }

    @Override
    public Activation withSetting(double value) {
        return new LeakyRelu(value);
    }
}
