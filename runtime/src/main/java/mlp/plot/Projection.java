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
    /** A classification run's plane: both coordinates are the inputs' (n×2), whatever the output; else null. */
    private final double[] planeX, planeY;

    private Projection(double[] inputs) {
        this(inputs, null, null);
    }

    private Projection(double[] inputs, double[] planeX, double[] planeY) {
        this.inputs = inputs;
        this.planeX = planeX;
        this.planeY = planeY;
    }

    /** The projection of a run: the inputs' plane for a classification run (decision regions), else {@link #of(DMatrixRMaj, DMatrixRMaj)}. */
    static Projection of(mlp.train.Run run) {
        if (run.grid() != null) return new Projection(null, column(run.x(), 0), column(run.x(), 1));
        return of(run.x(), run.y());
    }

    /** True for a classification run's picture: the points are the inputs, the regions show the model. */
    boolean plane() {
        return planeX != null;
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
        if (planeX != null) return planeX.clone();
        checkRows(m);
        return inputs != null ? inputs.clone() : column(m, 0);
    }

    /** The vertical coordinates of a matrix shaped like y. */
    double[] ys(DMatrixRMaj m) {
        if (planeY != null) return planeY.clone();
        checkRows(m);
        return column(m, inputs != null ? 0 : 1);
    }

    String xTitle() {
        return planeX != null ? "X[:, 0]" : inputs != null ? "X" : "y[:, 0]";
    }

    String yTitle() {
        return planeX != null ? "X[:, 1]" : inputs != null ? "y" : "y[:, 1]";
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
