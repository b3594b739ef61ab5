package mlp.nn;

/** GELU, exact (PyTorch's default): x Φ(x), Φ the standard normal's distribution function, through erf. */
final class Gelu extends Activation {
    private static final double SQRT_HALF = Math.sqrt(0.5), INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    @Override
    public String name() {
        return "gelu";
    }

    @Override
    public String help() {
        return "GELU: x Φ(x) = x (1 + erf(x / sqrt(2))) / 2 elementwise — a layer, and a function.\n"
                + "The exact form, through erf, as PyTorch's default GELU (not its tanh approximation).";
    }

    @Override
    public double apply(double x) {
        return x * phi(x);
    }

    @Override
    public double derivative(double x, double y) {
        return phi(x) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** Φ(x) = (1 + erf(x / √2)) / 2, computed from erfc where erf is near -1 so that it keeps its digits. */
    static double phi(double x) {
        double z = x * SQRT_HALF;
        if (z < -2) return 0.5 * erfc(-z);
        if (z > 2) return 1 - 0.5 * erfc(z);
        return 0.5 * (1 + erf(z));
    }

    /** erf(z) for |z| <= 2: 2/√π e^{-z²} Σ 2ⁿ z^{2n+1} / (1·3···(2n+1)), a series of positive terms (no cancellation). */
    static double erf(double z) {
        double term = z, sum = z, z2 = z * z;
        for (int n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
            term *= 2 * z2 / (2 * n + 1);
            sum += term;
        }
        return 2 / Math.sqrt(Math.PI) * Math.exp(-z2) * sum;
    }

    /** erfc(z) for z >= 2: the continued fraction e^{-z²}/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + ...)))), by Lentz's method. */
    static double erfc(double z) {
        if (Double.isNaN(z)) return z;
        if (z > 27) return 0;
        double tiny = 1e-300, f = z, c = z, d = 0;
        for (int k = 1; k < 500; k++) {
            double a = k / 2.0;
            d = z + a * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = z + a / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) break;
        }
        return Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
    }
}
