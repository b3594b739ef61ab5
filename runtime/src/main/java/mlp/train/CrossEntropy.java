package mlp.train;

import mlp.autograd.LossOps;
import mlp.autograd.Node;
import mlp.tensor.Shapes;
import mlp.value.Format;
import org.ejml.data.DMatrixRMaj;

/** Cross-entropy of class scores against class indices or probabilities (PyTorch's CrossEntropyLoss). */
final class CrossEntropy extends Loss {
    @Override
    public String name() {
        return "cross_entropy";
    }

    @Override
    public String help() {
        return "Cross-entropy of class scores pred against class indices y (PyTorch's CrossEntropyLoss).\n"
                + "pred holds n×k scores before softmax, y an n×1 column of class indices 0 to k-1 (or n×k class\n"
                + "probabilities); the loss is the mean of -log softmax(pred)[y].\n"
                + "A loss for train(..., loss=cross_entropy), and a function.";
    }

    @Override
    public Node build(Node pred, Node y) {
        return LossOps.crossEntropy(pred, y, y.rows() == 1); // one target per sample: class indices
    }

    @Override
    public String mismatch(int rows, int cols, DMatrixRMaj y, String what) {
        if (y.numRows != rows)
            return what + " has " + rows + " rows but y has " + y.numRows;
        if (y.numCols == 1) {
            for (int i = 0; i < rows; i++) {
                double t = y.data[i];
                if (t != Math.rint(t) || t < 0 || t >= cols)
                    return "cross_entropy needs y to hold class indices 0 to " + (cols - 1) + " (one per row, for "
                            + cols + " output columns), but row " + i + " of y is " + Format.number(t);
            }
            return null;
        }
        if (y.numCols == cols) return null;
        return "cross_entropy compares " + what + " (" + cols + " class scores per row) with y as n×1 class indices or n×"
                + cols + " class probabilities, but y is " + Shapes.of(y);
    }
}
