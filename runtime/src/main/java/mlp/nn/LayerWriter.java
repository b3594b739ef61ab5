package mlp.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * Where a layer writes its serialised form: named fields, as a model file keeps them (io's
 * ModelFiles turns them into JSON). A layer writes its settings, its parameters and its state
 * buffers; the layers inside it write themselves.
 */
public interface LayerWriter {
    void integer(String name, int value);

    void number(String name, double value);

    void bool(String name, boolean value);

    /** A matrix as a list of rows. */
    void matrix(String name, DMatrixRMaj m);

    /** A 1×c row (or any matrix, flat) as one list. */
    void row(String name, DMatrixRMaj m);

    void layer(String name, Layer layer);

    void layers(String name, List<Layer> layers);
}
