package mlp.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * A learnable matrix of a layer (a weight, a bias, a batch-norm scale). Training updates
 * {@link #value} in place and the compiled graph reads it directly, so the matrix is never
 * replaced: code that sets a parameter copies into it.
 */
public final class Param {
    public final String name;
    public final DMatrixRMaj value;

    public Param(String name, DMatrixRMaj value) {
        this.name = name;
        this.value = value;
    }

    public int size() {
        return value.getNumElements();
    }
}
