package mlp.autograd;

import org.ejml.data.DMatrixRMaj;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks a graph's gradients against central finite differences (float64). The scalar checked
 * is sum(out × W) for a fixed random W, so that a gradient that is wrong only in some
 * direction (softmax's rows sum to 1) still shows.
 */
final class GradCheck {
    static final double TOLERANCE = 1e-6;
    private static final double H = 1e-6;

    private GradCheck() {
    }

    /** A random matrix with entries of magnitude in [0.2, 1.2), away from kinks at 0. */
    static DMatrixRMaj random(int rows, int cols, long seed) {
        Random r = new Random(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) m.data[i] = (r.nextBoolean() ? 1 : -1) * (0.2 + r.nextDouble());
        return m;
    }

    static DMatrixRMaj positive(int rows, int cols, long seed) {
        DMatrixRMaj m = random(rows, cols, seed);
        for (int i = 0; i < m.data.length; i++) m.data[i] = Math.abs(m.data[i]) + 0.3;
        return m;
    }

    static Node var(DMatrixRMaj m) {
        return Node.variable(m.copy());
    }

    /**
     * Builds the graph with {@code build} (which must use the given leaves), then compares the
     * gradient of every leaf with finite differences; returns the worst relative error.
     */
    static double check(String what, List<Node> leaves, Supplier<Node> build) {
        return check(what, leaves, build, false);
    }

    /**
     * As {@link #check(String, List, Supplier)}; with {@code zeroAllowed} an input may have a
     * zero gradient (a bias just before a batch norm has none), which finite differences must
     * then confirm.
     */
    static double check(String what, List<Node> leaves, Supplier<Node> build, boolean zeroAllowed) {
        Node out = build.get();
        DMatrixRMaj w = random(out.rows(), out.cols(), 99);
        Node scalar = Ops.sum(Ops.mul(out, Node.constant(w)), -1);
        Plan plan = new Plan(scalar);
        plan.forward();
        plan.backward();
        List<DMatrixRMaj> first = leaves.stream().map(l -> l.grad().copy()).toList();
        plan.backward(); // a second pass gives the same bits: no gradient carries over from the first
        for (int k = 0; k < leaves.size(); k++)
            assertTrue(java.util.Arrays.equals(first.get(k).data, leaves.get(k).grad().data),
                    what + ": input " + k + " has another gradient in a second pass");
        double worst = 0;
        for (int k = 0; k < leaves.size(); k++) {
            Node leaf = leaves.get(k);
            DMatrixRMaj analytic = leaf.grad().copy();
            double[] v = leaf.value.data;
            double maxErr = 0, scale = 0;
            for (int i = 0; i < leaf.value.getNumElements(); i++) {
                double keep = v[i];
                v[i] = keep + H;
                plan.forward();
                double up = scalar.value.data[0];
                v[i] = keep - H;
                plan.forward();
                double down = scalar.value.data[0];
                v[i] = keep;
                double numeric = (up - down) / (2 * H);
                maxErr = Math.max(maxErr, Math.abs(numeric - analytic.data[i]));
                scale = Math.max(scale, Math.max(Math.abs(numeric), Math.abs(analytic.data[i])));
            }
            plan.forward();
            if (scale <= 1e-8 && zeroAllowed) {
                assertTrue(maxErr < 1e-8, what + ": input " + k + " should have a zero gradient, error " + maxErr);
                continue;
            }
            assertTrue(scale > 1e-8, what + ": input " + k + " has a zero gradient; the check would prove nothing");
            double rel = maxErr / scale;
            assertTrue(rel < TOLERANCE, what + ": input " + k + " relative error " + rel);
            worst = Math.max(worst, rel);
        }
        return worst;
    }
}
