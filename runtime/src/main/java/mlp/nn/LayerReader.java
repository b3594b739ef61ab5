package mlp.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * The fields of one layer read back from a model file (see {@link LayerWriter}). Every accessor
 * checks what it reads; a missing or malformed field is an error that says where it is.
 */
public interface LayerReader {
    boolean has(String name);

    /** A whole number of at least 1. */
    int width(String name);

    double number(String name);

    boolean bool(String name, boolean otherwise);

    /** Fills {@code into} from a list of rows of its shape. */
    void matrix(String name, DMatrixRMaj into);

    /** Fills {@code into} from a flat list of its size. */
    void row(String name, DMatrixRMaj into);

    Layer layer(String name);

    /** A non-empty list of layers. */
    List<Layer> layers(String name);

    /**
     * The error for a layer whose fields are there but make no sense; the message goes right
     * after where the layer is in the file: {@code ".p must be between 0 and 1"}.
     */
    RuntimeException bad(String message);
}
