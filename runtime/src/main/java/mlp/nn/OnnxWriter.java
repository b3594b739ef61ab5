package mlp.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.Map;

/**
 * Where a layer writes its ONNX form (io's ONNX files implement it): nodes and expressions over
 * named values, every number an initializer in the file's precision. Like {@link LayerWriter}
 * for model files, the layer says what it is, the writer how it is stored.
 */
public interface OnnxWriter {
    /**
     * One node of op on the inputs, with integer attributes given as name, value, name, value...
     * (a {@code long[]} value is a list of integers); its output.
     */
    String node(String op, String[] inputs, Object... ints);

    /** Writes an expression with {@code x} as its input and its constants from {@code consts}; its output. */
    String emit(OnnxExpr e, String x, Map<String, DMatrixRMaj> consts);

    /** Writes a layer inside this one (a stack's, a residual block's) on {@code x}; its output. */
    String layer(Layer l, String x);

    /** The width of a value a layer is written on (its columns; the rows are the batch), or -1 when not known. */
    int width(String value);

    /** A matrix initializer (rows×cols, in the file's precision); its name. */
    String constant(String what, DMatrixRMaj m);

    /** An int64 vector initializer (positions, axes, a shape); its name. */
    String int64s(String what, long... values);
}
