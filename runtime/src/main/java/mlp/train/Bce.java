package mlp.train;

import mlp.autograd.LossOps;
import mlp.autograd.Node;
import mlp.value.Format;
import org.ejml.data.DMatrixRMaj;

/** Binary cross-entropy of probabilities (PyTorch's BCELoss). */
final class Bce extends Loss {
    @Override
    public String name() {
        return "bce";
    }

    @Override
    public String help() {
        return "Binary cross-entropy of probabilities pred against targets y in [0, 1] (PyTorch's BCELoss).\n"
                + "It is -mean(y log(pred) + (1 - y) log(1 - pred)). End the model with sigmoid.\n"
                + "A loss for train(..., loss=bce), and a function: bce(model(X), y).";
    }

    @Override
    public Node build(Node pred, Node y) {
        return LossOps.bce(pred, y);
    }

    @Override
    public String mismatch(int rows, int cols, DMatrixRMaj y, String what) {
        String why = super.mismatch(rows, cols, y, what);
        if (why != null) return why;
        for (double t : y.data) if (!(t >= 0 && t <= 1))
            return "bce needs targets between 0 and 1, but y contains " + Format.number(t);
        return null;
    }

    @Override
    public String badPrediction(double[] pred) {
        for (double v : pred) if (!(v >= 0 && v <= 1))
            return "bce(pred, y): pred must hold probabilities between 0 and 1 (apply sigmoid first), but it contains "
                    + Format.number(v);
        return null;
    }

    @Override
    public String nanHint() {
        return " (bce needs predictions between 0 and 1: end the model with sigmoid; or try a smaller lr=)";
    }
}
