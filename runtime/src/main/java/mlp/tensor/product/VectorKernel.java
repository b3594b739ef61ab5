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
            int r = co;
            DoubleVector.fromArray(S, c, r).add(c00).intoArray(c, r);
            DoubleVector.fromArray(S, c, r + L).add(c01).intoArray(c, r + L);
            r += ldc;
            DoubleVector.fromArray(S, c, r).add(c10).intoArray(c, r);
            DoubleVector.fromArray(S, c, r + L).add(c11).intoArray(c, r + L);
            r += ldc;
            DoubleVector.fromArray(S, c, r).add(c20).intoArray(c, r);
            DoubleVector.fromArray(S, c, r + L).add(c21).intoArray(c, r + L);
            r += ldc;
            DoubleVector.fromArray(S, c, r).add(c30).intoArray(c, r);
            DoubleVector.fromArray(S, c, r + L).add(c31).intoArray(c, r + L);
            r += ldc;
            DoubleVector.fromArray(S, c, r).add(c40).intoArray(c, r);
            DoubleVector.fromArray(S, c, r + L).add(c41).intoArray(c, r + L);
            r += ldc;
            DoubleVector.fromArray(S, c, r).add(c50).intoArray(c, r);
            DoubleVector.fromArray(S, c, r + L).add(c51).intoArray(c, r + L);
            return;
        }
        // an edge tile: through an array (vectors put in an array or passed around would be boxed, slowly)
        double[] sums = new double[12 * L];
        c00.intoArray(sums, 0);
        c01.intoArray(sums, L);
        c10.intoArray(sums, 2 * L);
        c11.intoArray(sums, 3 * L);
        c20.intoArray(sums, 4 * L);
        c21.intoArray(sums, 5 * L);
        c30.intoArray(sums, 6 * L);
        c31.intoArray(sums, 7 * L);
        c40.intoArray(sums, 8 * L);
        c41.intoArray(sums, 9 * L);
        c50.intoArray(sums, 10 * L);
        c51.intoArray(sums, 11 * L);
        addPart(sums, c, co, ldc, rows, cols);
    }

    @Override
    String describe() {
        return "Vector API, " + L + " doubles wide, with FMA";
    }
}
