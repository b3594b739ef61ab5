package mlp.plot;

import mlp.MlpError;
import mlp.tensor.Shapes;
import org.ejml.data.DMatrixRMaj;

/**
 * Which two numbers of each row an animation draws. With 2 output columns: column 0 against
 * column 1 (predictions and targets live in the same plane). With 1 input and 1 output column:
 * the input against the output. Other shapes have no picture of this kind.
 */
public final class Projection {
    /** The inputs (n×1) drawn along x, or null when both coordinates come from the output. */
    private final double[] inputs;

    private Projection(double[] inputs) {
        this.inputs = inputs;
    }

    /** The projection for a run on inputs {@code x} and targets {@code y}, or a clear error. */
    static Projection of(DMatrixRMaj x, DMatrixRMaj y) {
        if (y.numCols == 2) return new Projection(null);
        if (y.numCols == 1 && x.numCols == 1) return new Projection(column(x, 0));
        throw new MlpError("an animation draws 2 output columns (column 0 against column 1), or 1 input column "
                + "against 1 output column; this run has X " + Shapes.of(x) + " and y " + Shapes.of(y));
    }

    boolean inputAlongX() {
        return inputs != null;
    }

    /** The horizontal coordinates of a matrix shaped like y (predictions or targets). */
    double[] xs(DMatrixRMaj m) {
        checkRows(m);
        return inputs != null ? inputs.clone() : column(m, 0);
    }

    /** The vertical coordinates of a matrix shaped like y. */
    double[] ys(DMatrixRMaj m) {
        checkRows(m);
        return column(m, inputs != null ? 0 : 1);
    }

    String xTitle() {
        return inputs != null ? "X" : "y[:, 0]";
    }

    String yTitle() {
        return inputs != null ? "y" : "y[:, 1]";
    }

    private void checkRows(DMatrixRMaj m) {
        if (inputs != null && m.numRows != inputs.length)
            throw new MlpError("predictions " + Shapes.of(m) + " do not match the " + inputs.length + " rows of X");
    }

    public static double[] column(DMatrixRMaj m, int c) {
        double[] out = new double[m.numRows];
        for (int r = 0; r < out.length; r++) out[r] = m.data[r * m.numCols + c];
        return out;
    }
}
