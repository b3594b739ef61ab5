package mlp.autograd;

import mlp.tensor.Parallel;
import org.ejml.data.DMatrixRMaj;

/**
 * The losses as fused nodes: each takes the predictions and the targets and gives a 1×1 mean,
 * with PyTorch's definitions (and its clamps, for bce). Shapes are checked by the caller
 * ({@code mlp.train.Loss}), which knows how to word the error. The sums over every element of mse,
 * mae and bce, and their gradients' loops, are {@link Parallel} passes made once with the node: a
 * large batch's run in fixed blocks on the evaluation's cores, a small one's are called directly
 * from the step (inlined there, see {@link Ops}).
 */
public final class LossOps {
    private LossOps() {
    }

    /** mean((p - y)^2) over all elements (PyTorch's MSELoss). */
    public static Node mse(Node p, Node y) {
        int len = p.value.getNumElements();
        DMatrixRMaj out = new DMatrixRMaj(1, 1);
        Parallel.Sum squares = (from, to) -> {
            double[] pd = p.value.data, yd = y.value.data;
            double s = 0;
            for (int i = from; i < to; i++) {
                double d = pd[i] - yd[i];
                s += d * d;
            }
            return s;
        };
        Node node = Node.op("mse", out, () -> {
            double s = len > Parallel.BLOCK ? Parallel.sum(len, squares) : squares.of(0, len);
            out.data[0] = s / len;
        }, p, y);
        Parallel.Range backward = (from, to) -> {
            double[] pd = p.value.data, yd = y.value.data;
            double g = node.grad().data[0] * 2.0 / len;
            if (p.requiresGrad()) {
                double[] gp = p.grad().data;
                for (int i = from; i < to; i++) gp[i] += g * (pd[i] - yd[i]);
            }
            if (y.requiresGrad()) {
                double[] gy = y.grad().data;
                for (int i = from; i < to; i++) gy[i] -= g * (pd[i] - yd[i]);
            }
        };
        return node.backward(() -> {
            if (Parallel.splits(len)) Parallel.forRange(len, backward);
            else backward.run(0, len);
        });
    }

    /** mean(|p - y|) over all elements (PyTorch's L1Loss; the slope at 0 is 0). */
    public static Node mae(Node p, Node y) {
        int len = p.value.getNumElements();
        DMatrixRMaj out = new DMatrixRMaj(1, 1);
        Parallel.Sum distances = (from, to) -> {
            double[] pd = p.value.data, yd = y.value.data;
            double s = 0;
            for (int i = from; i < to; i++) s += Math.abs(pd[i] - yd[i]);
            return s;
        };
        Node node = Node.op("mae", out, () -> {
            double s = len > Parallel.BLOCK ? Parallel.sum(len, distances) : distances.of(0, len);
            out.data[0] = s / len;
        }, p, y);
        Parallel.Range backward = (from, to) -> {
            double[] pd = p.value.data, yd = y.value.data;
            double g = node.grad().data[0] / len;
            for (int i = from; i < to; i++) {
                double d = g * Math.signum(pd[i] - yd[i]);
                if (p.requiresGrad()) p.grad().data[i] += d;
                if (y.requiresGrad()) y.grad().data[i] -= d;
            }
        };
        return node.backward(() -> {
            if (Parallel.splits(len)) Parallel.forRange(len, backward);
            else backward.run(0, len);
        });
    }

    /**
     * Binary cross-entropy of probabilities p against targets y in [0, 1] (PyTorch's BCELoss):
     * -mean(y log p + (1 - y) log(1 - p)), each log clamped at -100, the gradient's denominator
     * at 1e-12, as PyTorch does.
     */
    public static Node bce(Node p, Node y) {
        int len = p.value.getNumElements();
        DMatrixRMaj out = new DMatrixRMaj(1, 1);
        Parallel.Sum terms = (from, to) -> {
            double[] pd = p.value.data, yd = y.value.data;
            double s = 0;
            for (int i = from; i < to; i++) {
                double logP = Math.max(Math.log(pd[i]), -100), log1mP = Math.max(Math.log1p(-pd[i]), -100);
                s -= yd[i] * logP + (1 - yd[i]) * log1mP;
            }
            return s;
        };
        Node node = Node.op("bce", out, () -> {
            double s = len > Parallel.BLOCK ? Parallel.sum(len, terms) : terms.of(0, len);
            out.data[0] = s / len;
        }, p, y);
        Parallel.Range backward = (from, to) -> {
            double[] pd = p.value.data, yd = y.value.data;
            double g = node.grad().data[0] / len;
            for (int i = from; i < to; i++) {
                if (p.requiresGrad())
                    p.grad().data[i] += g * (pd[i] - yd[i]) / Math.max((1 - pd[i]) * pd[i], 1e-12);
                if (y.requiresGrad()) // d/dy = log(1-p) - log(p)
                    y.grad().data[i] += g * (Math.max(Math.log1p(-pd[i]), -100) - Math.max(Math.log(pd[i]), -100));
            }
        };
        return node.backward(() -> {
            if (Parallel.splits(len)) Parallel.forRange(len, backward);
            else backward.run(0, len);
        });
    }

    /**
     * Cross-entropy of class scores against targets (PyTorch's CrossEntropyLoss), feature-major
     * as the layers: {@code logits} is k×n (a column of k scores, before softmax, per sample);
     * with {@code indices} the targets are a 1×n row of class indices 0..k-1 (checked by the
     * caller), else a k×n matrix of class probabilities. The mean over samples.
     */
    public static Node crossEntropy(Node logits, Node target, boolean indices) {
        int k = logits.rows(), n = logits.cols();
        DMatrixRMaj out = new DMatrixRMaj(1, 1);
        double[] soft = new double[k * n]; // the softmax of each sample, kept for the backward step
        double[] lse = new double[n];      // log-sum-exp of each sample's scores
        Node node = Node.op("cross_entropy", out, () -> {
            double[] z = logits.value.data, t = target.value.data;
            double total = 0;
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) max = Math.max(max, z[j * n + i]);
                double sum = 0;
                for (int j = 0; j < k; j++) sum += soft[j * n + i] = Math.exp(z[j * n + i] - max);
                double logSum = Math.log(sum) + max;
                lse[i] = logSum;
                for (int j = 0; j < k; j++) soft[j * n + i] /= sum;
                if (indices) total += logSum - z[(int) t[i] * n + i];
                else for (int j = 0; j < k; j++) total += t[j * n + i] * (logSum - z[j * n + i]);
            }
            out.data[0] = total / n;
        }, logits, target);
        return node.backward(() -> {
            double g = node.grad().data[0] / n;
            double[] t = target.value.data, z = logits.value.data;
            if (logits.requiresGrad()) {
                double[] gz = logits.grad().data;
                if (indices) {
                    for (int j = 0; j < k * n; j++) gz[j] += g * soft[j];
                    for (int i = 0; i < n; i++) gz[(int) t[i] * n + i] -= g;
                } else {
                    for (int i = 0; i < n; i++) {
                        double mass = 0;
                        for (int j = 0; j < k; j++) mass += t[j * n + i];
                        for (int j = 0; j < k; j++) gz[j * n + i] += g * (mass * soft[j * n + i] - t[j * n + i]);
                    }
                }
            }
            if (!indices && target.requiresGrad()) { // d/dt_j = -log softmax_j = logsumexp - z_j
                double[] gt = target.grad().data;
                for (int j = 0; j < k; j++)
                    for (int i = 0; i < n; i++) gt[j * n + i] += g * (lse[i] - z[j * n + i]);
            }
        });
    }
}
