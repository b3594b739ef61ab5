package mlp.nn;

/** Softplus (PyTorch's: beta 1, threshold 20): log(1 + exp(x)), and x itself above 20. */
final class Softplus extends Activation {
    @Override
    public String name() {
        return "softplus";
    }

    @Override
    public String help() {
        return "Softplus: log(1 + exp(x)) elementwise, a smooth relu — a layer, and a function.\n"
                + "As PyTorch's Softplus (beta 1): above 20 it is x itself.";
    }

    @Override
    public double apply(double x) {
        return x > 20 ? x : Math.log1p(Math.exp(x));
    }

    @Override
    public double derivative(double x, double y) {
        if (x > 20) return 1;
        double z = Math.exp(x);
        return z / (z + 1);
    }
}
