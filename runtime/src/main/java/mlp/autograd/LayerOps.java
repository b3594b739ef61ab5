package mlp.autograd;

import mlp.tensor.Limits;
import mlp.tensor.Parallel;
import mlp.tensor.Products;
import org.ejml.data.DMatrixRMaj;

import java.util.Random;

/**
 * The fused operations the layers are made of, each a single node with a hand-written forward
 * and backward loop.
 *
 * <p><b>Layout:</b> these operations take their activations <em>feature-major</em>: a batch of
 * n samples with c features is a c×n matrix, one row per feature, one column per sample (the
 * transpose of how a user sees X). The tutorial's nets are 2 features wide and 300 samples
 * long, so every inner loop here runs along the samples: long, contiguous, free of the
 * 2-iteration loops a row-major layout would give. Parameters keep their user-facing shapes
 * (W out×in, b and batch-norm vectors 1×c; only their {@code data[j]} is read).
 */
public final class LayerOps {
    private LayerOps() {
    }

    /** {@code W @ x + b}: x is in×n, W out×in, b a 1×out row or null; the result is out×n. */
    public static Node linear(Node x, Node w, Node b) {
        int in = x.rows(), n = x.cols(), out = w.rows();
        if (w.cols() != in) throw new IllegalArgumentException("linear: " + in + " inputs, weight " + w.rows() + "×" + w.cols());
        if ((long) in * out * n > LARGE_WORK) return linearThroughProducts(x, w, b);
        DMatrixRMaj y = Limits.matrix(out, n);
        Node[] inputs = b == null ? new Node[]{x, w} : new Node[]{x, w, b};
        DenseKernels.Scratch scratch = new DenseKernels.Scratch(Math.max(in, out), n);
        Node node = Node.op("linear", y, () -> DenseKernels.product(w.value.data, in, 1, out, in, x.value.data, n, y.data, true,
                b == null ? null : b.value.data, scratch), inputs);
        return node.backward(() -> {
            double[] gd = node.grad().data, xd = x.value.data, wd = w.value.data;
            if (w.requiresGrad() || (b != null && b.requiresGrad()))
                DenseKernels.weightGradients(gd, xd, n, in, out, w.requiresGrad() ? w.grad().data : null,
                        b != null && b.requiresGrad() ? b.grad().data : null);
            if (x.requiresGrad()) { // dx_k += sum_j W[j,k] g_j: the product with Wᵀ (set when claimed)
                boolean first = x.claimGrad();
                DenseKernels.product(wd, 1, in, in, out, gd, n, x.grad().data, first, null, scratch);
            }
        });
    }

    /**
     * A linear layer's products of more multiply-adds than this go to {@link Products} (native BLAS or
     * blocked parallel Java); below it, {@link DenseKernels}' loops, which are quicker on the
     * tutorial's 2-wide nets and the 16-wide practice nets.
     */
    static final long LARGE_WORK = 1L << 18;

    /** {@link #linear} through {@link Products}: y = b + W x, gW += g xᵀ, gx += Wᵀ g (feature-major, see above). */
    static Node linearThroughProducts(Node x, Node w, Node b) {
        int in = x.rows(), n = x.cols(), out = w.rows();
        DMatrixRMaj y = Limits.matrix(out, n);
        Node[] inputs = b == null ? new Node[]{x, w} : new Node[]{x, w, b};
        Parallel.Range biasRows = (from, to) -> { // y's rows start at the bias
            for (int r = from; r < to; r++) java.util.Arrays.fill(y.data, r * n, (r + 1) * n, b == null ? 0 : b.value.data[r]);
        };
        Node node = Node.op("linear", y, () -> {
            Parallel.forRows(out, n, biasRows);
            Products.multiply(false, false, out, n, in, w.value.data, in, x.value.data, n, y.data, n, true);
        }, inputs);
        Parallel.Range biasGradient = (from, to) -> { // the sums of g's rows
            double[] gd = node.grad().data, gb = b.grad().data;
            for (int j = from; j < to; j++) gb[j] += sum(gd, j * n, n);
        };
        return node.backward(() -> {
            double[] gd = node.grad().data;
            if (b != null && b.requiresGrad()) Parallel.forRows(out, n, biasGradient);
            if (w.requiresGrad()) {
                boolean first = w.claimGrad();
                Products.multiply(false, true, out, in, n, gd, n, x.value.data, n, w.grad().data, in, !first);
            }
            if (x.requiresGrad()) {
                boolean first = x.claimGrad();
                Products.multiply(true, false, in, n, out, w.value.data, in, gd, n, x.grad().data, n, !first);
            }
        });
    }

    /** {@code y[yo..yo+n) += a * x[xo..xo+n)}. */
    static void axpy(double a, double[] x, int xo, double[] y, int yo, int n) {
        if (a == 0) return;
        for (int i = 0; i < n; i++) y[yo + i] += a * x[xo + i];
    }

    /** The dot product of two runs of n numbers, four partial sums at a time. */
    static double dot(double[] a, int ao, double[] b, int bo, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < n; i++) s0 += a[ao + i] * b[bo + i];
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code sum_i (a[ao + i] - mu) × b[bo + i]} over n numbers, four partial sums at a time. */
    static double centeredDot(double[] a, int ao, double mu, double[] b, int bo, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += (a[ao + i] - mu) * b[bo + i];
            s1 += (a[ao + i + 1] - mu) * b[bo + i + 1];
            s2 += (a[ao + i + 2] - mu) * b[bo + i + 2];
            s3 += (a[ao + i + 3] - mu) * b[bo + i + 3];
        }
        for (; i < n; i++) s0 += (a[ao + i] - mu) * b[bo + i];
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code sum_i (a[ao + i] - mu)²} over n numbers, four partial sums at a time. */
    static double squaredDeviations(double[] a, int ao, double mu, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double d0 = a[ao + i] - mu, d1 = a[ao + i + 1] - mu, d2 = a[ao + i + 2] - mu, d3 = a[ao + i + 3] - mu;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < n; i++) {
            double d = a[ao + i] - mu;
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The sum of a run of n numbers, four partial sums at a time. */
    static double sum(double[] a, int ao, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[ao + i];
            s1 += a[ao + i + 1];
            s2 += a[ao + i + 2];
            s3 += a[ao + i + 3];
        }
        for (; i < n; i++) s0 += a[ao + i];
        return (s0 + s1) + (s2 + s3);
    }

    /** max(x, 0) + slope × min(x, 0), elementwise (any layout). */
    public static Node leakyRelu(Node x, double slope) {
        DMatrixRMaj y = Limits.matrix(x.rows(), x.cols());
        int len = y.getNumElements();
        Parallel.Range forward = (from, to) -> {
            double[] xd = x.value.data, yd = y.data;
            for (int i = from; i < to; i++) yd[i] = xd[i] > 0 ? xd[i] : slope * xd[i];
        };
        Node node = Node.op("leaky_relu", y, () -> {
            if (Parallel.splits(len)) Parallel.forRange(len, forward);
            else forward.run(0, len);
        }, x).params(slope);
        Parallel.Range backward = (from, to) -> {
            double[] xd = x.value.data, g = node.grad().data, gx = x.grad().data;
            for (int i = from; i < to; i++) gx[i] += xd[i] > 0 ? g[i] : slope * g[i];
        };
        return node.backward(() -> {
            if (Parallel.splits(len)) Parallel.forRange(len, backward);
            else backward.run(0, len);
        });
    }

    /** The softmax of each sample, i.e. of each column of the c×n x (subtracting the max first, so no exp overflows). */
    public static Node softmax(Node x) {
        int c = x.rows(), n = x.cols();
        DMatrixRMaj y = Limits.matrix(c, n);
        double[] max = new double[n], total = new double[n];
        Node node = Node.op("softmax", y, () -> {
            double[] xd = x.value.data, yd = y.data;
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
            java.util.Arrays.fill(total, 0);
            for (int j = 0; j < c; j++) for (int i = 0; i < n; i++) max[i] = Math.max(max[i], xd[j * n + i]);
            for (int j = 0; j < c; j++)
                for (int i = 0; i < n; i++) total[i] += yd[j * n + i] = Math.exp(xd[j * n + i] - max[i]);
            for (int j = 0; j < c; j++) for (int i = 0; i < n; i++) yd[j * n + i] /= total[i];
        }, x);
        return node.backward(() -> { // dx_j = y_j (g_j - sum_k g_k y_k), per sample
            double[] yd = y.data, g = node.grad().data, gx = x.grad().data, dots = total; // total is free until the next forward
            java.util.Arrays.fill(dots, 0);
            for (int j = 0; j < c; j++) for (int i = 0; i < n; i++) dots[i] += g[j * n + i] * yd[j * n + i];
            for (int j = 0; j < c; j++) for (int i = 0; i < n; i++) gx[j * n + i] += yd[j * n + i] * (g[j * n + i] - dots[i]);
        });
    }

    /**
     * Batch normalisation while training, as PyTorch's BatchNorm1d, on a c×n batch: each feature
     * (row) normalised by its batch mean and biased variance, then scaled by {@code gamma} and
     * shifted by {@code beta} (1×c); the running statistics move by {@code momentum} towards the
     * batch mean and the unbiased batch variance. Built as a {@link Node#stateful} node: the
     * statistics move only when a plan runs it.
     */
    public static Node batchNormTrain(Node x, Node gamma, Node beta, DMatrixRMaj runningMean, DMatrixRMaj runningVar,
                                      double momentum, double eps) {
        int c = x.rows(), n = x.cols();
        DMatrixRMaj y = Limits.matrix(c, n);
        double[] mean = new double[c], invStd = new double[c];
        Parallel.Range forward = (from, to) -> { // features are independent: a pass over rows
            double[] xd = x.value.data, yd = y.data, g = gamma.value.data, b = beta.value.data;
            double[] rm = runningMean.data, rv = runningVar.data;
            for (int j = from; j < to; j++) {
                int r = j * n;
                double mu = sum(xd, r, n) / n, squares = squaredDeviations(xd, r, mu, n);
                double is = 1 / Math.sqrt(squares / n + eps);
                mean[j] = mu;
                invStd[j] = is;
                double alpha = is * g[j], shift = b[j] - mu * alpha; // PyTorch's form: x * alpha + shift
                for (int i = 0; i < n; i++) yd[r + i] = xd[r + i] * alpha + shift;
                rm[j] = (1 - momentum) * rm[j] + momentum * mu;
                rv[j] = (1 - momentum) * rv[j] + momentum * (squares / (n - 1));
            }
        };
        Node node = Node.stateful("batchnorm", y, () -> Parallel.forRows(c, n, forward), x, gamma, beta);
        boolean[] first = new boolean[1]; // x's gradient is set, not added to, in this pass (Node.claimGrad)
        Parallel.Range backward = (from, to) -> { // PyTorch's batch_norm_backward
            double[] xd = x.value.data, gd = node.grad().data, g = gamma.value.data;
            for (int j = from; j < to; j++) {
                int r = j * n;
                double mu = mean[j], is = invStd[j], total = sum(gd, r, n), dot = centeredDot(xd, r, mu, gd, r, n);
                if (x.requiresGrad()) {
                    double[] gx = x.grad().data;
                    double k = dot * is * is / n, gradMean = total / n, scale = is * g[j];
                    if (first[0]) for (int i = 0; i < n; i++) gx[r + i] = (gd[r + i] - gradMean - (xd[r + i] - mu) * k) * scale;
                    else for (int i = 0; i < n; i++) gx[r + i] += (gd[r + i] - gradMean - (xd[r + i] - mu) * k) * scale;
                }
                if (gamma.requiresGrad()) gamma.grad().data[j] += dot * is;
                if (beta.requiresGrad()) beta.grad().data[j] += total;
            }
        };
        return node.backward(() -> {
            first[0] = x.requiresGrad() && x.claimGrad(); // claimed on this thread, before the pass splits
            Parallel.forRows(c, n, backward);
        });
    }

    /** Batch normalisation in inference mode, on a c×n batch: the running statistics; nothing moves. */
    public static Node batchNormInfer(Node x, Node gamma, Node beta, DMatrixRMaj runningMean, DMatrixRMaj runningVar, double eps) {
        int c = x.rows(), n = x.cols();
        DMatrixRMaj y = Limits.matrix(c, n);
        Parallel.Range forward = (from, to) -> {
            double[] xd = x.value.data, yd = y.data, g = gamma.value.data, b = beta.value.data;
            for (int j = from; j < to; j++) {
                double is = 1 / Math.sqrt(runningVar.data[j] + eps), alpha = is * g[j];
                double shift = b[j] - runningMean.data[j] * alpha;
                for (int i = 0; i < n; i++) yd[j * n + i] = xd[j * n + i] * alpha + shift;
            }
        };
        Node node = Node.op("batchnorm", y, () -> Parallel.forRows(c, n, forward), x, gamma, beta);
        Parallel.Range backward = (from, to) -> {
            double[] xd = x.value.data, gd = node.grad().data, g = gamma.value.data;
            for (int j = from; j < to; j++) {
                int r = j * n;
                double is = 1 / Math.sqrt(runningVar.data[j] + eps), mu = runningMean.data[j];
                if (x.requiresGrad()) axpy(is * g[j], gd, r, x.grad().data, r, n);
                if (gamma.requiresGrad()) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) dot += gd[r + i] * (xd[r + i] - mu);
                    gamma.grad().data[j] += dot * is;
                }
                if (beta.requiresGrad()) beta.grad().data[j] += sum(gd, r, n);
            }
        };
        return node.backward(() -> Parallel.forRows(c, n, backward));
    }

    /**
     * Dropout while training (any layout): each element is zeroed with probability p and the
     * rest scaled by 1/(1-p), with a fresh mask drawn from {@code random} every time a plan runs it.
     */
    public static Node dropout(Node x, double p, Random random) {
        DMatrixRMaj y = Limits.matrix(x.rows(), x.cols());
        int len = y.getNumElements();
        double[] mask = new double[len];
        double keep = p >= 1 ? 0 : 1 / (1 - p);
        Node node = Node.stateful("dropout", y, () -> {
            double[] xd = x.value.data, yd = y.data;
            for (int i = 0; i < len; i++) {
                mask[i] = random.nextDouble() < p ? 0 : keep;
                yd[i] = xd[i] * mask[i];
            }
        }, x);
        return node.backward(() -> {
            double[] g = node.grad().data, gx = x.grad().data;
            for (int i = 0; i < len; i++) gx[i] += g[i] * mask[i];
        });
    }
}
