package mlp.tensor.product;

/**
 * The innermost step of {@link JavaProduct}: one tile of C, {@code mr} rows by {@code nr} columns,
 * from a strip of packed A (kc×mr, element (i, p) at {@code p × mr + i}) and a strip of packed B
 * (kc×nr, element (p, j) at {@code p × nr + j}). The tile's sums run over p in order, in registers,
 * and are then added to C, so every element of C gets the same sequence of operations whichever
 * thread computes it.
 */
abstract class Kernel {
    final int mr, nr;

    Kernel(int mr, int nr) {
        this.mr = mr;
        this.nr = nr;
    }

    /**
     * {@code c[co + i × ldc + j] += sum_p ap[ao + p × mr + i] × bp[bo + p × nr + j]} for i < rows
     * (≤ mr) and j < cols (≤ nr); the packed strips are zero beyond rows and cols.
     */
    abstract void tile(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int co, int ldc, int rows, int cols);

    /** Adds an mr×nr tile of sums ({@code sums[i × nr + j]}) to the rows × cols corner of C that exists. */
    final void addPart(double[] sums, double[] c, int co, int ldc, int rows, int cols) {
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) c[co + i * ldc + j] += sums[i * nr + j];
    }

    /** What the kernel is, for {@code mlp --version}. */
    abstract String describe();
}
