package mlp.autograd;

/**
 * The loops of the linear layer, feature-major (one row per feature, one column per sample; see
 * {@link LayerOps}): the product with the weights (forward, and the input's gradient with the
 * transposed weights) and the weights' gradient.
 *
 * <p>The products run along the samples, four input rows per pass, which the JIT turns into
 * vector instructions, but only (in Java 17) when every array in the loop is indexed from 0 by the
 * loop counter alone: an offset such as {@code x[k * n + i]} keeps it scalar, three times slower.
 * So the samples go in chunks: each input row's chunk is copied to an array of its own, each
 * output row is summed in one array, then copied into place.
 *
 * <p>The weights' gradient is a sum over the samples, which the JIT does not vectorise (it keeps
 * the order of floating-point additions): there, four output rows by three input rows at a time
 * give twelve independent sums (as many as the registers hold), which keeps the multipliers and
 * adders busy.
 */
final class DenseKernels {
    private DenseKernels() {
    }

    /** Samples per chunk: a chunk of 64 input rows is 256 KB, in the core's second-level cache. */
    static final int CHUNK = 512;

    /** A linear layer's buffers for {@link #product}, allocated once with the layer's node. */
    static final class Scratch {
        final double[][] rows; // a chunk of each input row
        final double[] sum;

        Scratch(int maxRows, int n) {
            int c = Math.max(1, Math.min(n, CHUNK));
            rows = new double[maxRows][c];
            sum = new double[c];
        }
    }

    /**
     * {@code y[r] (= bias[r] + | +=) sum_t a(r, t) × x[t]} for every row r < rows, where y[r] and
     * x[t] are runs of n numbers (y is rows×n, x is inner×n) and {@code a(r, t) = a[r × rs + t × ts]}.
     * Forward: a = W, rs = in, ts = 1. The input's gradient: a = Wᵀ, rs = 1, ts = in. With
     * {@code assign} the rows start at {@code bias[r]} (0 when bias is null), else they are added to.
     * {@code scratch} must hold {@code inner} rows.
     */
    static void product(double[] a, int rs, int ts, int rows, int inner, double[] x, int n, double[] y, boolean assign,
                        double[] bias, Scratch scratch) {
        if (inner <= 2) { // a pass or two per row: not worth the copies (the tutorial's 2-wide nets)
            for (int r = 0; r < rows; r++) combine(y, r * n, assign, bias == null ? 0 : bias[r], x, 0, n, a, r * rs, ts, inner);
            return;
        }
        double[][] xs = scratch.rows;
        double[] sum = scratch.sum;
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            for (int t = 0; t < inner; t++) System.arraycopy(x, t * n + from, xs[t], 0, len);
            for (int r = 0; r < rows; r++) {
                int ar = r * rs, t = 0;
                if (assign) {
                    double start = bias == null ? 0 : bias[r];
                    int width = Math.min(4, inner);
                    if (width == 0) java.util.Arrays.fill(sum, 0, len, start);
                    else set(sum, len, start, xs, 0, width, a, ar, ts);
                    t = width;
                } else {
                    System.arraycopy(y, r * n + from, sum, 0, len);
                }
                for (; t < inner; t += 4) add(sum, len, xs, t, Math.min(4, inner - t), a, ar, ts);
                System.arraycopy(sum, 0, y, r * n + from, len);
            }
        }
    }

    /**
     * {@code y[yo + i] (=|+=) start + sum_t c_t × rows_t[i]} for i < n, where rows_t is the t-th
     * run of n numbers in {@code rows} from {@code ro} (stride n) and {@code c_t = coef[co + t × cs]},
     * t < m: the plain loops, with offsets (not vectorised), for a product of one or two input rows.
     */
    private static void combine(double[] y, int yo, boolean assign, double start, double[] rows, int ro, int n,
                        double[] coef, int co, int cs, int m) {
        int t = 0;
        if (assign) {
            if (m == 0) {
                java.util.Arrays.fill(y, yo, yo + n, start);
                return;
            }
            int r0 = ro;
            double c0 = coef[co];
            if (m >= 2) {
                int r1 = ro + n;
                double c1 = coef[co + cs];
                for (int i = 0; i < n; i++) y[yo + i] = start + c0 * rows[r0 + i] + c1 * rows[r1 + i];
                t = 2;
            } else {
                for (int i = 0; i < n; i++) y[yo + i] = start + c0 * rows[r0 + i];
                t = 1;
            }
        }
        for (; t + 3 < m; t += 4) {
            int r0 = ro + t * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
            double c0 = coef[co + t * cs], c1 = coef[co + (t + 1) * cs], c2 = coef[co + (t + 2) * cs], c3 = coef[co + (t + 3) * cs];
            for (int i = 0; i < n; i++)
                y[yo + i] += c0 * rows[r0 + i] + c1 * rows[r1 + i] + c2 * rows[r2 + i] + c3 * rows[r3 + i];
        }
        for (; t + 1 < m; t += 2) {
            int r0 = ro + t * n, r1 = r0 + n;
            double c0 = coef[co + t * cs], c1 = coef[co + (t + 1) * cs];
            for (int i = 0; i < n; i++) y[yo + i] += c0 * rows[r0 + i] + c1 * rows[r1 + i];
        }
        if (t < m) LayerOps.axpy(coef[co + t * cs], rows, ro + t * n, y, yo, n);
    }

    /** {@code sum = start + a(r, t) x[t] + ... } for {@code width} (1 to 4) input rows from t. */
    private static void set(double[] sum, int len, double start, double[][] xs, int t, int width, double[] a, int ar, int ts) {
        double[] x0 = xs[t];
        double c0 = a[ar + t * ts];
        if (width == 1) {
            for (int i = 0; i < len; i++) sum[i] = start + c0 * x0[i];
            return;
        }
        double[] x1 = xs[t + 1];
        double c1 = a[ar + (t + 1) * ts];
        if (width == 2) {
            for (int i = 0; i < len; i++) sum[i] = start + c0 * x0[i] + c1 * x1[i];
            return;
        }
        double[] x2 = xs[t + 2];
        double c2 = a[ar + (t + 2) * ts];
        if (width == 3) {
            for (int i = 0; i < len; i++) sum[i] = start + c0 * x0[i] + c1 * x1[i] + c2 * x2[i];
            return;
        }
        double[] x3 = xs[t + 3];
        double c3 = a[ar + (t + 3) * ts];
        for (int i = 0; i < len; i++) sum[i] = start + c0 * x0[i] + c1 * x1[i] + c2 * x2[i] + c3 * x3[i];
    }

    /** {@code sum += a(r, t) x[t] + ...} for {@code width} (1 to 4) input rows from t. */
    private static void add(double[] sum, int len, double[][] xs, int t, int width, double[] a, int ar, int ts) {
        double[] x0 = xs[t];
        double c0 = a[ar + t * ts];
        if (width == 1) {
            for (int i = 0; i < len; i++) sum[i] += c0 * x0[i];
            return;
        }
        double[] x1 = xs[t + 1];
        double c1 = a[ar + (t + 1) * ts];
        if (width == 2) {
            for (int i = 0; i < len; i++) sum[i] += c0 * x0[i] + c1 * x1[i];
            return;
        }
        double[] x2 = xs[t + 2];
        double c2 = a[ar + (t + 2) * ts];
        if (width == 3) {
            for (int i = 0; i < len; i++) sum[i] += c0 * x0[i] + c1 * x1[i] + c2 * x2[i];
            return;
        }
        double[] x3 = xs[t + 3];
        double c3 = a[ar + (t + 3) * ts];
        for (int i = 0; i < len; i++) sum[i] += c0 * x0[i] + c1 * x1[i] + c2 * x2[i] + c3 * x3[i];
    }

    /**
     * {@code gw[j, k] += g[j] . x[k]} (the weights' gradient, out×in, from g out×n and x in×n)
     * and {@code gb[j] += sum(g[j])}; either may be null.
     */
    static void weightGradients(double[] g, double[] x, int n, int in, int out, double[] gw, double[] gb) {
        if (gb != null) for (int j = 0; j < out; j++) gb[j] += LayerOps.sum(g, j * n, n);
        if (gw == null) return;
        int j = 0;
        for (; j + 3 < out; j += 4) fourRows(g, x, n, in, j, gw);
        for (; j + 1 < out; j += 2) twoRows(g, x, n, in, j, gw);
        if (j < out) oneRow(g, x, n, in, j, gw);
    }

    /** Rows j to j+3 of the weights' gradient: three inputs at a time (twelve sums), then the last one or two. */
    private static void fourRows(double[] g, double[] x, int n, int in, int j, double[] gw) {
        int g0 = j * n, g1 = g0 + n, g2 = g1 + n, g3 = g2 + n, w0 = j * in;
        int k = 0;
        for (; k + 2 < in; k += 3) { // twelve sums: as many as the registers hold
            int x0 = k * n, x1 = x0 + n, x2 = x1 + n;
            double s00 = 0, s01 = 0, s02 = 0, s10 = 0, s11 = 0, s12 = 0, s20 = 0, s21 = 0, s22 = 0, s30 = 0, s31 = 0, s32 = 0;
            for (int i = 0; i < n; i++) {
                double b0 = x[x0 + i], b1 = x[x1 + i], b2 = x[x2 + i];
                double a0 = g[g0 + i], a1 = g[g1 + i], a2 = g[g2 + i], a3 = g[g3 + i];
                s00 += a0 * b0;
                s01 += a0 * b1;
                s02 += a0 * b2;
                s10 += a1 * b0;
                s11 += a1 * b1;
                s12 += a1 * b2;
                s20 += a2 * b0;
                s21 += a2 * b1;
                s22 += a2 * b2;
                s30 += a3 * b0;
                s31 += a3 * b1;
                s32 += a3 * b2;
            }
            int w = w0 + k;
            gw[w] += s00;
            gw[w + 1] += s01;
            gw[w + 2] += s02;
            gw[w + in] += s10;
            gw[w + in + 1] += s11;
            gw[w + in + 2] += s12;
            gw[w + 2 * in] += s20;
            gw[w + 2 * in + 1] += s21;
            gw[w + 2 * in + 2] += s22;
            gw[w + 3 * in] += s30;
            gw[w + 3 * in + 1] += s31;
            gw[w + 3 * in + 2] += s32;
        }
        if (k + 1 < in) { // two inputs left
            int x0 = k * n, x1 = x0 + n;
            double s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
            for (int i = 0; i < n; i++) {
                double b0 = x[x0 + i], b1 = x[x1 + i];
                double a0 = g[g0 + i], a1 = g[g1 + i], a2 = g[g2 + i], a3 = g[g3 + i];
                s00 += a0 * b0;
                s01 += a0 * b1;
                s10 += a1 * b0;
                s11 += a1 * b1;
                s20 += a2 * b0;
                s21 += a2 * b1;
                s30 += a3 * b0;
                s31 += a3 * b1;
            }
            int w = w0 + k;
            gw[w] += s00;
            gw[w + 1] += s01;
            gw[w + in] += s10;
            gw[w + in + 1] += s11;
            gw[w + 2 * in] += s20;
            gw[w + 2 * in + 1] += s21;
            gw[w + 3 * in] += s30;
            gw[w + 3 * in + 1] += s31;
        } else if (k < in) { // one input left
            int x0 = k * n;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int i = 0; i < n; i++) {
                double b = x[x0 + i];
                s0 += g[g0 + i] * b;
                s1 += g[g1 + i] * b;
                s2 += g[g2 + i] * b;
                s3 += g[g3 + i] * b;
            }
            gw[w0 + k] += s0;
            gw[w0 + in + k] += s1;
            gw[w0 + 2 * in + k] += s2;
            gw[w0 + 3 * in + k] += s3;
        }
    }

    /** Rows j and j+1: four inputs at a time (eight sums), then the last ones. */
    private static void twoRows(double[] g, double[] x, int n, int in, int j, double[] gw) {
        int g0 = j * n, g1 = g0 + n, w0 = j * in;
        int k = 0;
        for (; k + 3 < in; k += 4) {
            int x0 = k * n, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
            double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
            for (int i = 0; i < n; i++) {
                double a0 = g[g0 + i], a1 = g[g1 + i];
                double b0 = x[x0 + i], b1 = x[x1 + i], b2 = x[x2 + i], b3 = x[x3 + i];
                s00 += a0 * b0;
                s01 += a0 * b1;
                s02 += a0 * b2;
                s03 += a0 * b3;
                s10 += a1 * b0;
                s11 += a1 * b1;
                s12 += a1 * b2;
                s13 += a1 * b3;
            }
            int w = w0 + k;
            gw[w] += s00;
            gw[w + 1] += s01;
            gw[w + 2] += s02;
            gw[w + 3] += s03;
            gw[w + in] += s10;
            gw[w + in + 1] += s11;
            gw[w + in + 2] += s12;
            gw[w + in + 3] += s13;
        }
        for (; k + 1 < in; k += 2) {
            int x0 = k * n, x1 = x0 + n;
            double s00 = 0, s01 = 0, s10 = 0, s11 = 0;
            for (int i = 0; i < n; i++) {
                double a0 = g[g0 + i], a1 = g[g1 + i], b0 = x[x0 + i], b1 = x[x1 + i];
                s00 += a0 * b0;
                s01 += a0 * b1;
                s10 += a1 * b0;
                s11 += a1 * b1;
            }
            gw[w0 + k] += s00;
            gw[w0 + k + 1] += s01;
            gw[w0 + in + k] += s10;
            gw[w0 + in + k + 1] += s11;
        }
        if (k < in) {
            gw[w0 + k] += LayerOps.dot(g, g0, x, k * n, n);
            gw[w0 + in + k] += LayerOps.dot(g, g1, x, k * n, n);
        }
    }

    /** Row j: four inputs at a time, two samples per step (eight sums), then the last ones. */
    private static void oneRow(double[] g, double[] x, int n, int in, int j, double[] gw) {
        int g0 = j * n, w0 = j * in;
        int k = 0;
        for (; k + 3 < in; k += 4) {
            int x0 = k * n, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
            int i = 0;
            for (; i + 1 < n; i += 2) {
                double a = g[g0 + i], b = g[g0 + i + 1];
                s0 += a * x[x0 + i];
                s1 += a * x[x1 + i];
                s2 += a * x[x2 + i];
                s3 += a * x[x3 + i];
                t0 += b * x[x0 + i + 1];
                t1 += b * x[x1 + i + 1];
                t2 += b * x[x2 + i + 1];
                t3 += b * x[x3 + i + 1];
            }
            if (i < n) {
                double a = g[g0 + i];
                s0 += a * x[x0 + i];
                s1 += a * x[x1 + i];
                s2 += a * x[x2 + i];
                s3 += a * x[x3 + i];
            }
            gw[w0 + k] += s0 + t0;
            gw[w0 + k + 1] += s1 + t1;
            gw[w0 + k + 2] += s2 + t2;
            gw[w0 + k + 3] += s3 + t3;
        }
        for (; k < in; k++) gw[w0 + k] += LayerOps.dot(g, g0, x, k * n, n);
    }
}
