package mlp.spark;

import mlp.autograd.Node;
import mlp.nn.BatchNorm;
import mlp.nn.Graph;
import mlp.tensor.Limits;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * Batch norm over a batch spread across partitions (synchronous batch norm): the node normalises
 * with the mean and variance of the WHOLE batch, which the driver gathers from every partition's
 * {@link #moments()} before the node runs; its backward step takes the whole batch's sums of dy
 * and dy·(x - mean), gathered from {@link #gradSums()}. With them it computes what
 * {@link mlp.autograd.LayerOps#batchNormTrain} computes on one machine (the same formulas); the
 * scale's and shift's gradients are this partition's share, summed with the others' by the driver.
 * The running statistics are left to the driver, which moves them once per step.
 */
final class SyncBatchNorm {
    final BatchNorm layer;
    final Node x, node;
    final int c, n; // features, this partition's rows
    // the whole batch's, set by the driver's messages before the node's steps run
    long rows;
    final double[] mean, invStd, total, dot;
    // this partition's sums for the scale's and shift's gradients
    private final double[] localTotal, localDot;

    private SyncBatchNorm(BatchNorm layer, Node x, Node gamma, Node beta) {
        this.layer = layer;
        this.x = x;
        c = x.rows();
        n = x.cols();
        mean = new double[c];
        invStd = new double[c];
        total = new double[c];
        dot = new double[c];
        localTotal = new double[c];
        localDot = new double[c];
        DMatrixRMaj y = Limits.matrix(c, n);
        node = Node.stateful("batchnorm", y, () -> {
            double[] xd = x.value.data, yd = y.data, g = gamma.value.data, b = beta.value.data;
            for (int j = 0; j < c; j++) {
                int r = j * n;
                double alpha = invStd[j] * g[j], shift = b[j] - mean[j] * alpha; // PyTorch's form: x * alpha + shift
                for (int i = 0; i < n; i++) yd[r + i] = xd[r + i] * alpha + shift;
            }
        }, x, gamma, beta);
        node.backward(() -> {
            double[] xd = x.value.data, gd = node.grad().data, g = gamma.value.data;
            for (int j = 0; j < c; j++) {
                int r = j * n;
                double mu = mean[j], is = invStd[j];
                if (x.requiresGrad()) {
                    double[] gx = x.grad().data;
                    double k = dot[j] * is * is / rows, gradMean = total[j] / rows, scale = is * g[j];
                    for (int i = 0; i < n; i++) gx[r + i] += (gd[r + i] - gradMean - (xd[r + i] - mu) * k) * scale;
                }
                if (gamma.requiresGrad()) gamma.grad().data[j] += localDot[j] * is;
                if (beta.requiresGrad()) beta.grad().data[j] += localTotal[j];
            }
        });
    }

    /** A training graph's builder of synchronous batch norms; it keeps them, in the order they are built. */
    static final class Builder implements Graph.BatchNormTraining {
        final List<SyncBatchNorm> built = new ArrayList<>();

        @Override
        public Node build(BatchNorm layer, Node x, Node weight, Node bias) {
            SyncBatchNorm s = new SyncBatchNorm(layer, x, weight, bias);
            built.add(s);
            return s.node;
        }
    }

    /** This partition's part of the statistics: {sum of x, squared deviations from this partition's mean} per feature. */
    double[] moments() {
        double[] out = new double[2 * c], xd = x.value.data;
        for (int j = 0; j < c; j++) {
            int r = j * n;
            double s = 0;
            for (int i = 0; i < n; i++) s += xd[r + i];
            double m = s / n, q = 0;
            for (int i = 0; i < n; i++) {
                double d = xd[r + i] - m;
                q += d * d;
            }
            out[j] = s;
            out[c + j] = q;
        }
        return out;
    }

    /**
     * The whole batch's mean and variance from every partition's {@link #moments()} ({@code rows[p]} rows
     * each): sum(x - mean)² = Σ_p [q_p + n_p (m_p - mean)²], exact, without the cancellation of Σx² - n·mean².
     * Returns {mean..., biased variance numerator (sum of squares)...}.
     */
    static double[] combine(List<double[]> parts, List<Long> rows, int c) {
        long all = 0;
        for (long r : rows) all += r;
        double[] out = pooled(parts, rows, c);
        for (int j = 0; j < c; j++) out[j] /= all;
        return out;
    }

    /** Parts' {@link #moments()} pooled into the moments of all their rows: {sum of x..., squared deviations...}. */
    static double[] pooled(List<double[]> parts, List<Long> rows, int c) {
        long all = 0;
        for (long r : rows) all += r;
        double[] out = new double[2 * c];
        for (int j = 0; j < c; j++) {
            double s = 0;
            for (double[] p : parts) s += p[j];
            double mu = s / all, q = 0;
            for (int k = 0; k < parts.size(); k++) {
                double[] p = parts.get(k);
                long np = rows.get(k);
                double d = p[j] / np - mu;
                q += p[c + j] + np * d * d;
            }
            out[j] = s;
            out[c + j] = q;
        }
        return out;
    }

    /** This partition's sums of dy and dy·(x - mean) per feature (kept for the scale's and shift's gradients), as {total..., dot...}. */
    double[] gradSums() {
        double[] xd = x.value.data, gd = node.grad().data, out = new double[2 * c];
        for (int j = 0; j < c; j++) {
            int r = j * n;
            double t = 0, d = 0, mu = mean[j];
            for (int i = 0; i < n; i++) {
                t += gd[r + i];
                d += (xd[r + i] - mu) * gd[r + i];
            }
            localTotal[j] = t;
            localDot[j] = d;
            out[j] = t;
            out[c + j] = d;
        }
        return out;
    }
}
