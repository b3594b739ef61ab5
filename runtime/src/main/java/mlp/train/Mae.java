package mlp.train;

import mlp.autograd.LossOps;
import mlp.autograd.Node;

/** Mean absolute error (PyTorch's L1Loss). */
final class Mae extends Loss {
    @Override
    public String name() {
        return "mae";
    }

    @Override
    public String help() {
        return "Mean absolute error: the mean of |pred - y| over all elements (PyTorch's L1Loss).\n"
                + "A loss for train(..., loss=mae), and a function: mae(model(X), y).";
    }

    @Override
    public Node build(Node pred, Node y) {
        return LossOps.mae(pred, y);
    }
}
