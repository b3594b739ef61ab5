package mlp.nn;

/** SiLU (swish): x sigmoid(x). */
final class Silu extends Activation {
    @Override
    public String name() {
        return "silu";
    }

    @Override
    public String help() {
        return "SiLU (swish): x × sigmoid(x) elementwise (PyTorch's SiLU) — a layer, and a function.";
    }

    @Override
    public double apply(double x) {
        return x / (1 + Math.exp(-x));
    }

    @Override
    public double derivative(double x, double y) {
        double s = 1 / (1 + Math.exp(-x));
        return s * (1 + x * (1 - s));
    }
}
