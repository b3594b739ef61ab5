package mlp.autograd;

import mlp.tensor.Limits;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Random;

/**
 * The fused operations the layers are made of: each a single node with a hand-written forward
 * and backward loop, so that a training epoch runs a few tight loops rather than many small
 * generic ones. Rows are samples, columns are features, as everywhere in mlp.
 */
public final class LayerOps {
    private LayerOps() {
    }

    // Above this many multiply-adds, and with rows wide enough, EJML's blocked products beat plain loops.
    private static final long EJML_WORK = 1L << 16;

    /** {@code x @ W' + b}: x is n×in, W out×in, b a 1×out row or null. */
    public static Node linear(Node x, Node w, Node b) {
        int n = x.rows(), in = x.cols(), out = w.rows();
        if (w.cols() != in) throw new IllegalArgumentException("linear: " + in + " inputs, weight " + w.rows() + "×" + w.cols());
        boolean big = (long) n * in * out > EJML_WORK && in >= 16 && out >= 16;
        DMatrixRMaj y = Limits.matrix(n, out);
        Node[] inputs = b == null ? new Node[]{x, w} : new Node[]{x, w, b};
        Node node = Node.op("linear", y, () -> {
            double[] xd = x.value.data, wd = w.value.data, yd = y.data;
            double[] bd = b == null ? null : b.value.data;
            if (big) {
                CommonOps_DDRM.multTransB(x.value, w.value, y);
                if (bd != null) for (int i = 0; i < n; i++) for (int j = 0; j < out; j++) yd[i * out + j] += bd[j];
                return;
            }
            if (in == 2) { // the tutorial's width: no inner loop
                for (int j = 0; j < out; j++) {
                    double w0 = wd[2 * j], w1 = wd[2 * j + 1], bj = bd == null ? 0 : bd[j];
                    for (int i = 0; i < n; i++) yd[i * out + j] = xd[2 * i] * w0 + xd[2 * i + 1] * w1 + bj;
                }
                return;
            }
            for (int i = 0; i < n; i++) {
                int xi = i * in, yi = i * out;
                for (int j = 0; j < out; j++) {
                    int wj = j * in;
                    double s = 0;
                    for (int k = 0; k < in; k++) s += xd[xi + k] * wd[wj + k];
                    yd[yi + j] = bd == null ? s : s + bd[j];
                }
            }
        }, inputs);
        return node.backward(() -> {
            DMatrixRMaj g = node.grad();
            double[] gd = g.data, xd = x.value.data, wd = w.value.data;
            if (big) {
                if (x.requiresGrad()) CommonOps_DDRM.multAdd(g, w.value, x.grad());
                if (w.requiresGrad()) CommonOps_DDRM.multAddTransA(g, x.value, w.grad());
            } else {
                if (w.requiresGrad()) { // dW[j,k] += sum_i g[i,j] x[i,k]
                    double[] gw = w.grad().data;
                    for (int j = 0; j < out; j++) {
                        int wj = j * in;
                        for (int k = 0; k < in; k++) {
                            double s = 0;
                            for (int i = 0; i < n; i++) s += gd[i * out + j] * xd[i * in + k];
                            gw[wj + k] += s;
                        }
                    }
                }
                if (x.requiresGrad()) { // dx[i,k] += sum_j g[i,j] W[j,k]
                    double[] gx = x.grad().data;
                    for (int i = 0; i < n; i++) {
                        int xi = i * in, gi = i * out;
                        for (int j = 0; j < out; j++) {
                            double gij = gd[gi + j];
                            int wj = j * in;
                            for (int k = 0; k < in; k++) gx[xi + k] += gij * wd[wj + k];
                        }
                    }
                }
            }
            if (b != null && b.requiresGrad()) { // db[j] += sum_i g[i,j]
                double[] gb = b.grad().data;
                for (int j = 0; j < out; j++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) s += gd[i * out + j];
                    gb[j] += s;
                }
            }
        });
    }

    /** max(x, 0) + slope × min(x, 0), elementwise. */
    public static Node leakyRelu(Node x, double slope) {
        DMatrixRMaj y = Limits.matrix(x.rows(), x.cols());
        int len = y.getNumElements();
        Node node = Node.op("leaky_relu", y, () -> {
            double[] xd = x.value.data, yd = y.data;
            for (int i = 0; i < len; i++) yd[i] = xd[i] > 0 ? xd[i] : slope * xd[i];
        }, x);
        return node.backward(() -> {
            double[] xd = x.value.data, g = node.grad().data, gx = x.grad().data;
            for (int i = 0; i < len; i++) gx[i] += xd[i] > 0 ? g[i] : slope * g[i];
        });
    }

    /** The softmax of each row (subtracting the row's max first, so no exp overflows). */
    public static Node softmax(Node x) {
        int n = x.rows(), c = x.cols();
        DMatrixRMaj y = Limits.matrix(n, c);
        Node node = Node.op("softmax", y, () -> {
            double[] xd = x.value.data, yd = y.data;
            for (int i = 0; i < n; i++) {
                int r = i * c;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < c; j++) max = Math.max(max, xd[r + j]);
                double sum = 0;
                for (int j = 0; j < c; j++) sum += yd[r + j] = Math.exp(xd[r + j] - max);
                for (int j = 0; j < c; j++) yd[r + j] /= sum;
            }
        }, x);
        return node.backward(() -> { // dx_j = y_j (g_j - sum_k g_k y_k)
            double[] yd = y.data, g = node.grad().data, gx = x.grad().data;
            for (int i = 0; i < n; i++) {
                int r = i * c;
                double dot = 0;
                for (int j = 0; j < c; j++) dot += g[r + j] * yd[r + j];
                for (int j = 0; j < c; j++) gx[r + j] += yd[r + j] * (g[r + j] - dot);
            }
        });
    }

    /**
     * Batch normalisation while training, as PyTorch's BatchNorm1d: each column normalised by its
     * batch mean and biased variance, then scaled by {@code gamma} and shifted by {@code beta}
     * (1×c rows); the running statistics move by {@code momentum} towards the batch mean and the
     * unbiased batch variance. Built as a {@link Node#stateful} node: the statistics move only
     * when a plan runs it.
     */
    public static Node batchNormTrain(Node x, Node gamma, Node beta, DMatrixRMaj runningMean, DMatrixRMaj runningVar,
                                      double momentum, double eps) {
        int n = x.rows(), c = x.cols();
        DMatrixRMaj y = Limits.matrix(n, c);
        double[] mean = new double[c], invStd = new double[c];
        Node node = Node.stateful("batchnorm", y, () -> {
            double[] xd = x.value.data, yd = y.data, g = gamma.value.data, b = beta.value.data;
            double[] rm = runningMean.data, rv = runningVar.data;
            for (int j = 0; j < c; j++) {
                double sum = 0;
                for (int i = 0; i < n; i++) sum += xd[i * c + j];
                double mu = sum / n, squares = 0;
                for (int i = 0; i < n; i++) {
                    double d = xd[i * c + j] - mu;
                    squares += d * d;
                }
                double is = 1 / Math.sqrt(squares / n + eps);
                mean[j] = mu;
                invStd[j] = is;
                double alpha = is * g[j], shift = b[j] - mu * alpha; // PyTorch's form: x * alpha + shift
                for (int i = 0; i < n; i++) yd[i * c + j] = xd[i * c + j] * alpha + shift;
                rm[j] = (1 - momentum) * rm[j] + momentum * mu;
                rv[j] = (1 - momentum) * rv[j] + momentum * (squares / (n - 1));
            }
        }, x, gamma, beta);
        return node.backward(() -> { // PyTorch's batch_norm_backward
            double[] xd = x.value.data, gd = node.grad().data, g = gamma.value.data;
            for (int j = 0; j < c; j++) {
                double mu = mean[j], is = invStd[j], sum = 0, dot = 0;
                for (int i = 0; i < n; i++) {
                    double gi = gd[i * c + j];
                    sum += gi;
                    dot += (xd[i * c + j] - mu) * gi;
                }
                if (x.requiresGrad()) {
                    double[] gx = x.grad().data;
                    double k = dot * is * is / n, gradMean = sum / n, scale = is * g[j];
                    for (int i = 0; i < n; i++)
                        gx[i * c + j] += (gd[i * c + j] - gradMean - (xd[i * c + j] - mu) * k) * scale;
                }
                if (gamma.requiresGrad()) gamma.grad().data[j] += dot * is;
                if (beta.requiresGrad()) beta.grad().data[j] += sum;
            }
        });
    }

    /** Batch normalisation in inference mode: the running statistics, nothing moves. */
    public static Node batchNormInfer(Node x, Node gamma, Node beta, DMatrixRMaj runningMean, DMatrixRMaj runningVar, double eps) {
        int n = x.rows(), c = x.cols();
        DMatrixRMaj y = Limits.matrix(n, c);
        Node node = Node.op("batchnorm", y, () -> {
            double[] xd = x.value.data, yd = y.data, g = gamma.value.data, b = beta.value.data;
            for (int j = 0; j < c; j++) {
                double is = 1 / Math.sqrt(runningVar.data[j] + eps), alpha = is * g[j];
                double shift = b[j] - runningMean.data[j] * alpha;
                for (int i = 0; i < n; i++) yd[i * c + j] = xd[i * c + j] * alpha + shift;
            }
        }, x, gamma, beta);
        return node.backward(() -> {
            double[] xd = x.value.data, gd = node.grad().data, g = gamma.value.data;
            for (int j = 0; j < c; j++) {
                double is = 1 / Math.sqrt(runningVar.data[j] + eps), mu = runningMean.data[j];
                for (int i = 0; i < n; i++) {
                    double gi = gd[i * c + j];
                    if (x.requiresGrad()) x.grad().data[i * c + j] += gi * is * g[j];
                    if (gamma.requiresGrad()) gamma.grad().data[j] += gi * (xd[i * c + j] - mu) * is;
                    if (beta.requiresGrad()) beta.grad().data[j] += gi;
                }
            }
        });
    }

    /**
     * Dropout while training: each element is zeroed with probability p and the rest scaled by
     * 1/(1-p), with a fresh mask drawn from {@code random} every time a plan runs it.
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
