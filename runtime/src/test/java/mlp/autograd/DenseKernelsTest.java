package mlp.autograd;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The linear layer's blocked loops against the plain triple loops, at every shape where a block
 * or a chunk ends early: widths 0 to 9 and 16, 17 and 64, sample counts across the chunk size.
 */
class DenseKernelsTest {
    static double[] random(int size, Random r) {
        double[] a = new double[size];
        for (int i = 0; i < size; i++) a[i] = r.nextGaussian();
        return a;
    }

    static void assertClose(double[] want, double[] got, String what) {
        for (int i = 0; i < want.length; i++)
            assertEquals(want[i], got[i], 1e-12 * (1 + Math.abs(want[i])), what + " at " + i);
    }

    @Test
    void theProductMatchesThePlainLoopsForwardAndTransposed() {
        Random r = new Random(1);
        int[] widths = {1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17, 64};
        for (int n : new int[]{1, 3, 8, 300, DenseKernels.CHUNK, DenseKernels.CHUNK + 7, 2 * DenseKernels.CHUNK + 1})
            for (int in : widths)
                for (int out : widths) {
                    if (n > 600 && in * out > 64) continue; // the long runs at a few shapes suffice
                    double[] w = random(out * in, r), b = random(out, r), x = random(in * n, r);
                    DenseKernels.Scratch scratch = new DenseKernels.Scratch(Math.max(in, out), n);
                    // forward: y = W x + b
                    double[] want = new double[out * n], y = random(out * n, r);
                    for (int j = 0; j < out; j++)
                        for (int i = 0; i < n; i++) {
                            double s = b[j];
                            for (int k = 0; k < in; k++) s += w[j * in + k] * x[k * n + i];
                            want[j * n + i] = s;
                        }
                    DenseKernels.product(w, in, 1, out, in, x, n, y, true, b, scratch);
                    String shape = n + " samples, " + in + " → " + out;
                    assertClose(want, y, "forward, " + shape);
                    // the input's gradient: gx += Wᵀ g, added to what gx held
                    double[] g = random(out * n, r), gx = random(in * n, r), gxWant = gx.clone();
                    for (int k = 0; k < in; k++)
                        for (int i = 0; i < n; i++) {
                            double s = 0;
                            for (int j = 0; j < out; j++) s += w[j * in + k] * g[j * n + i];
                            gxWant[k * n + i] += s;
                        }
                    DenseKernels.product(w, 1, in, in, out, g, n, gx, false, null, scratch);
                    assertClose(gxWant, gx, "input gradient, " + shape);
                }
    }

    @Test
    void withNoInputsTheOutputIsTheBias() {
        double[] y = {9, 9, 9, 9, 9, 9};
        DenseKernels.product(new double[0], 0, 1, 2, 0, new double[0], 3, y, true, new double[]{1, 2}, new DenseKernels.Scratch(2, 3));
        assertClose(new double[]{1, 1, 1, 2, 2, 2}, y, "bias only");
    }

    @Test
    void theWeightGradientsMatchThePlainLoops() {
        Random r = new Random(2);
        int[] widths = {1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17};
        for (int n : new int[]{1, 2, 3, 300, 1001})
            for (int in : widths)
                for (int out : widths) {
                    if (n > 600 && in * out > 64) continue;
                    double[] g = random(out * n, r), x = random(in * n, r);
                    double[] gw = random(out * in, r), gb = random(out, r), gwWant = gw.clone(), gbWant = gb.clone();
                    double[] product = new double[out * in]; // g xᵀ alone
                    for (int j = 0; j < out; j++) {
                        for (int i = 0; i < n; i++) gbWant[j] += g[j * n + i];
                        for (int k = 0; k < in; k++)
                            for (int i = 0; i < n; i++) product[j * in + k] += g[j * n + i] * x[k * n + i];
                        for (int k = 0; k < in; k++) gwWant[j * in + k] += product[j * in + k];
                    }
                    DenseKernels.weightGradients(g, x, n, in, out, gw, gb);
                    String shape = n + " samples, " + in + " → " + out;
                    assertClose(gwWant, gw, "weight gradient, " + shape);
                    assertClose(gbWant, gb, "bias gradient, " + shape);
                    double[] alone = new double[out * in];
                    DenseKernels.weightGradients(g, x, n, in, out, alone, null);
                    assertClose(product, alone, "weight gradient without a bias, " + shape);
                }
    }
}
