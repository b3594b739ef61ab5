package mlp.train;

/**
 * Adam's bias corrections {@code 1 - beta1^t} and {@code sqrt(1 - beta2^t)} for step t, computed
 * once per step count: the parameters of a run usually share t, and two {@code Math.pow} per
 * parameter per step were a measurable part of a short run's epoch (bench/training/README.md).
 * The values are exactly those of computing them afresh.
 */
final class BiasCorrection {
    private final double beta1, beta2;
    private long t = -1;
    private double bc1, bc2Sqrt;

    BiasCorrection(double beta1, double beta2) {
        this.beta1 = beta1;
        this.beta2 = beta2;
    }

    /** Makes {@link #bc1()} and {@link #bc2Sqrt()} those of step t. */
    void at(long t) {
        if (t == this.t) return;
        this.t = t;
        bc1 = 1 - Math.pow(beta1, t);
        bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
    }

    double bc1() {
        return bc1;
    }

    double bc2Sqrt() {
        return bc2Sqrt;
    }
}
