package mlp.tensor.product;

/** The plain-Java tile: 4×4 sums in sixteen local variables (registers), one multiply-add each per step. */
final class ScalarKernel extends Kernel {
    ScalarKernel() {
        super(4, 4);
    }

    @Override
    void tile(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int co, int ldc, int rows, int cols) {
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++) {
            int a = ao + 4 * p, b = bo + 4 * p;
            double a0 = ap[a], a1 = ap[a + 1], a2 = ap[a + 2], a3 = ap[a + 3];
            double b0 = bp[b], b1 = bp[b + 1], b2 = bp[b + 2], b3 = bp[b + 3];
            c00 += a0 * b0;
            c01 += a0 * b1;
            c02 += a0 * b2;
            c03 += a0 * b3;
            c10 += a1 * b0;
            c11 += a1 * b1;
            c12 += a1 * b2;
            c13 += a1 * b3;
            c20 += a2 * b0;
            c21 += a2 * b1;
            c22 += a2 * b2;
            c23 += a2 * b3;
            c30 += a3 * b0;
            c31 += a3 * b1;
            c32 += a3 * b2;
            c33 += a3 * b3;
        }
        if (rows == 4 && cols == 4) {
            int r0 = co, r1 = co + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
            c[r0] += c00;
            c[r0 + 1] += c01;
            c[r0 + 2] += c02;
            c[r0 + 3] += c03;
            c[r1] += c10;
            c[r1 + 1] += c11;
            c[r1 + 2] += c12;
            c[r1 + 3] += c13;
            c[r2] += c20;
            c[r2 + 1] += c21;
            c[r2 + 2] += c22;
            c[r2 + 3] += c23;
            c[r3] += c30;
            c[r3 + 1] += c31;
            c[r3 + 2] += c32;
            c[r3 + 3] += c33;
            return;
        }
        double[] sums = {c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33};
        addPart(sums, c, co, ldc, rows, cols);
    }

    @Override
    String describe() {
        return "plain loops";
    }
}
