package mlp.nn;

import mlp.MlpError;
import mlp.tensor.Interrupt;
import mlp.tensor.Limits;
import mlp.value.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** {@code lstsq(X, y)}: the least-squares linear layer, through the pseudo-inverse of [X, 1]. */
public final class LeastSquares {
    private LeastSquares() {
    }

    /** The fit of y on [X, 1]; X and y are non-empty, finite and have as many rows (the caller checks). */
    public static Linear fit(Tensor x, Tensor y) {
        int n = x.rows(), d = x.cols(), k = y.cols();
        Limits.check(n, d + 1);
        DMatrixRMaj design = new DMatrixRMaj(n, d + 1); // [X, 1]: the last coefficient row is the bias
        for (int i = 0; i < n; i++) {
            System.arraycopy(x.data().data, i * d, design.data, i * (d + 1), d);
            design.data[i * (d + 1) + d] = 1;
        }
        DMatrixRMaj pinv = new DMatrixRMaj(d + 1, n);
        DMatrixRMaj coef = new DMatrixRMaj(d + 1, k);
        DMatrixRMaj targets = y.data();
        // EJML's SVD cannot be interrupted: a large one runs where a cancel need not wait for it
        Runnable solve = () -> {
            try {
                CommonOps_DDRM.pinv(design, pinv);
            } catch (RuntimeException e) { // EJML throws when its SVD does not converge
                throw new MlpError("lstsq(X, y): the least-squares solve did not converge");
            }
            CommonOps_DDRM.mult(pinv, targets, coef);
        };
        if ((long) n * (d + 1) * (d + 1) < 10_000_000L) solve.run();
        else Interrupt.uninterruptible(() -> {
            solve.run();
            return null;
        });
        Linear fit = new Linear(d, k, true, Init.ZEROS, null);
        DMatrixRMaj w = fit.weight().value, b = fit.bias().value;
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < d; c++) w.unsafe_set(j, c, coef.unsafe_get(c, j));
            b.data[j] = coef.unsafe_get(d, j);
        }
        return fit;
    }
}
