package mlp.train;

import mlp.autograd.LossOps;
import mlp.autograd.Node;

/** Mean squared error (PyTorch's MSELoss). */
final class Mse extends Loss {
    @Override
    public String name() {
        return "mse";
    }

    @Override
    public String help() {
        return "Mean squared error: the mean of (pred - y)^2 over all elements (PyTorch's MSELoss).\n"
                + "A loss for train(..., loss=mse) (the default), and a function: mse(model(X), y).";
    }

    @Override
    public Node build(Node pred, Node y) {
        return LossOps.mse(pred, y);
    }
}
