package mlp.tensor.product;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API tile: 6 rows by two vectors of columns (2 × 8 on AVX-512, 2 × 4 on AVX2), twelve
 * vector sums updated by fused multiply-adds. Loaded only when the JVM has the
 * {@code jdk.incubator.vector} module (see {@link JavaProduct#create()}).
 */
final class VectorKernel extends Kernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    VectorKernel() {
        super(6, 2 * L);
    }

    /** False where vectors are no wider than one double (no SIMD): the scalar kernel is better there. */
    static boolean worthwhile() {
        return L >= 2;
    }

    @Override
    void tile(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int co, int ldc, int rows, int cols) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        DoubleVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) {
            int b = bo + p * 2 * L, a = ao + p * 6;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, b), b1 = DoubleVector.fromArray(S, bp, b + L);
            DoubleVector x = DoubleVector.broadcast(S, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, ap[a + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, ap[a + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, ap[a + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, ap[a + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, ap[a + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        if (rows == 6 && cols == 2 * L) {
            add(c, co, c00, c01);
            add(c, co + ldc, c10, c11);
            add(c, co + 2 * ldc, c20, c21);
            add(c, co + 3 * ldc, c30, c31);
            add(c, co + 4 * ldc, c40, c41);
            add(c, co + 5 * ldc, c50, c51);
            return;
        }
        double[] sums = new double[12 * L];
        DoubleVector[] all = {c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51};
        for (int v = 0; v < all.length; v++) all[v].intoArray(sums, v * L);
        addPart(sums, c, co, ldc, rows, cols);
    }

    private static void add(double[] c, int at, DoubleVector left, DoubleVector right) {
        DoubleVector.fromArray(S, c, at).add(left).intoArray(c, at);
        DoubleVector.fromArray(S, c, at + L).add(right).intoArray(c, at + L);
    }

    @Override
    String describe() {
        return "Vector API, " + L + " doubles wide, with FMA";
    }
}
