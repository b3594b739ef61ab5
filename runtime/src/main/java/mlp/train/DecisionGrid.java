package mlp.train;

/**
 * Where a classification run draws its decision regions: {@code cells}×{@code cells} points
 * over the data's plane (its range, padded by 8%), cell (i, j) at index {@code i * cells + j}
 * with i along x. Each frame's regions hold one number per cell: the predicted class (the
 * largest output) when the model has several outputs, else the probability of class 1
 * ({@code bce}: the output; {@code bce_logits}: its sigmoid).
 */
public record DecisionGrid(double xMin, double xMax, double yMin, double yMax, int cells, boolean probability) {
    /** The centre of column i (along x). */
    public double x(int i) {
        return xMin + (i + 0.5) * (xMax - xMin) / cells;
    }

    /** The centre of row j (along y). */
    public double y(int j) {
        return yMin + (j + 0.5) * (yMax - yMin) / cells;
    }
}
