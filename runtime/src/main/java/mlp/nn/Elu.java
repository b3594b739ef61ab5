package mlp.nn;

/** ELU (alpha 1, PyTorch's default): x where x > 0, exp(x) - 1 elsewhere. */
final class Elu extends Activation {
    @Override
    public String name() {
        return "elu";
    }

    @Override
    public String help() {
        return "ELU: x where x > 0, exp(x) - 1 elsewhere (PyTorch's ELU, alpha 1) — a layer, and a function.";
    }

    @Override
    public double apply(double x) {
        return x > 0 ? x : Math.expm1(x);
    }

    @Override
    public double derivative(double x, double y) {
        return x > 0 ? 1 : y + 1;
    }
}
