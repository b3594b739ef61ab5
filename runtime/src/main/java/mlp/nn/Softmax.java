package mlp.nn;

import mlp.autograd.LayerOps;
import mlp.autograd.Node;
import mlp.autograd.Ops;

/** The softmax of each sample: exp(x) / sum(exp(x)). */
final class Softmax extends Activation {
    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public String help() {
        return "The softmax of each row: exp(x) / sum(exp(x)) across the columns — a layer, and a function.\n"
                + "For classifiers trained with loss=cross_entropy, leave it out: that loss applies it itself.";
    }

    @Override
    public Node apply(Node x) {
        return LayerOps.softmax(x);
    }

    /** Per row as users hold tensors: the samples are the rows there. */
    @Override
    public Node onRows(Node x) {
        return Ops.transpose(LayerOps.softmax(Ops.transpose(x)));
    }

    @Override
    public double apply(double x) {
        return Double.isNaN(x) ? x : 1; // the softmax of a single value
    }
}
