package mlp.tensor.product;

import mlp.MlpError;
import mlp.tensor.Products;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every product implementation against a naive triple loop, on odd shapes and all four transposes. */
class ProductsTest {
    private static final Runnable NEVER = () -> {
    };

    /** The implementations this machine has: both Java kernels (the vector one when the module is present) and native when it loads. */
    static List<MatrixProduct> implementations() {
        List<MatrixProduct> all = new ArrayList<>();
        all.add(JavaProduct.withKernel(new ScalarKernel()));
        Kernel vector = JavaProduct.vectorKernelOrNull();
        if (vector != null) all.add(JavaProduct.withKernel(vector));
        if (Products.nativeOrNull() != null) all.add(Products.nativeOrNull());
        return all;
    }

    static double[] random(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = r.nextGaussian();
        return x;
    }

    /** op(A) op(B) (+ C0) by the definition, with each op(X)(i, j) read through the transposed index when asked. */
    static double[] naive(boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b, double[] c0) {
        double[] c = c0 == null ? new double[m * n] : c0.clone();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                c[i * n + j] += s;
            }
        return c;
    }

    @Test
    void everyImplementationMatchesTheDefinitionOnOddShapesAndTransposes() {
        Random r = new Random(1);
        int[][] shapes = {{1, 1, 1}, {7, 5, 3}, {13, 17, 300}, {97, 33, 257}, {6, 16, 256}, {101, 515, 19}, {5, 3, 0}, {200, 1, 40}};
        for (MatrixProduct p : implementations()) {
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                for (int t = 0; t < 4; t++) {
                    boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                    double[] a = random(r, m * k), b = random(r, k * n), c0 = random(r, m * n);
                    for (boolean accumulate : new boolean[]{false, true}) {
                        double[] c = c0.clone();
                        p.multiply(ta, tb, m, n, k, a, ta ? m : k, b, tb ? k : n, c, n, accumulate, 2, NEVER);
                        double[] want = naive(ta, tb, m, n, k, a, b, accumulate ? c0 : null);
                        for (int i = 0; i < want.length; i++)
                            assertEquals(want[i], c[i], 1e-12 * (1 + k), p.describe() + " " + m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb + " at " + i);
                    }
                }
            }
        }
    }

    @Test
    void everyProductGivesTheSameBitsOnOneOrTwoThreadsAndRunToRun() {
        Random r = new Random(2);
        // several blocks each way and three steps along k; C cut along its columns, then its rows
        for (int[] shape : new int[][]{{157, 700, 600}, {700, 157, 600}}) {
            int m = shape[0], n = shape[1], k = shape[2];
            double[] a = random(r, m * k), b = random(r, k * n);
            for (MatrixProduct p : implementations()) {
                for (boolean ta : new boolean[]{false, true}) {
                    int lda = ta ? m : k;
                    double[] one = new double[m * n], two = new double[m * n], again = new double[m * n];
                    p.multiply(ta, true, m, n, k, a, lda, b, k, one, n, false, 1, NEVER);
                    p.multiply(ta, true, m, n, k, a, lda, b, k, two, n, false, 2, NEVER);
                    p.multiply(ta, true, m, n, k, a, lda, b, k, again, n, false, 2, NEVER);
                    assertArrayEquals(one, two, p.describe() + " " + m + "x" + n);
                    assertArrayEquals(two, again, p.describe() + " " + m + "x" + n);
                }
            }
        }
    }

    @Test
    void aCancelStopsAHugeProductPartWay() {
        int n = 3000; // 27 billion multiply-adds: tens of seconds in plain Java
        double[] a = new double[n * n], b = new double[n * n], c = new double[n * n];
        for (MatrixProduct p : implementations()) {
            AtomicBoolean stop = new AtomicBoolean();
            Runnable check = () -> {
                if (stop.get()) throw new MlpError("cancelled");
            };
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ignored) {
                }
                stop.set(true);
            });
            canceller.start();
            MlpError e = assertThrows(MlpError.class, () -> {
                for (int round = 0; round < 50; round++) p.multiply(false, false, n, n, n, a, n, b, n, c, n, false, 2, check);
            }, p.describe());
            assertEquals("cancelled", e.getMessage());
        }
    }

    @Test
    void productsSaysWhichProductRuns() {
        String d = Products.describe();
        assertNotNull(d);
        assertTrue(d.contains("native BLAS") || d.contains("pure Java"), d);
    }
}
