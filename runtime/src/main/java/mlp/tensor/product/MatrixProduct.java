package mlp.tensor.product;

/**
 * One way of computing a matrix product: {@code C (=|+=) op(A) op(B)}, where op transposes its
 * matrix when asked. Every matrix is a row-major {@code double[]} starting at index 0, with a
 * leading dimension (the distance between two rows): A holds op(A) (m×k) as is, or its k×m
 * transpose when {@code transA}; likewise B for op(B) (k×n); C is m×n.
 *
 * <p>Two implementations: {@link JavaProduct} (always there) and {@link NativeProduct} (the
 * machine's BLAS, when it loads). {@link mlp.tensor.Products} chooses between them.
 */
public interface MatrixProduct {
    /**
     * {@code C = op(A) op(B)}, or {@code C += op(A) op(B)} with {@code accumulate}, on at most
     * {@code threads} cores, calling {@code cancelCheck} on the calling thread every few tens of
     * milliseconds (it throws to stop the product; C is then left part-written).
     */
    void multiply(boolean transA, boolean transB, int m, int n, int k, double[] a, int lda, double[] b, int ldb,
                  double[] c, int ldc, boolean accumulate, int threads, Runnable cancelCheck);

    /** What runs, in a few words, for {@code mlp --version}. */
    String describe();
}
