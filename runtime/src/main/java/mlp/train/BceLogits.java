package mlp.train;

import mlp.autograd.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * PyTorch's BCEWithLogitsLoss: binary cross-entropy of sigmoid(pred) against y, computed from
 * the logits without overflow: mean((1 - y) x + m + log(exp(-m) + exp(-x - m))), m = max(-x, 0).
 */
final class BceLogits extends Loss {
    @Override
    public String name() {
        return "bce_logits";
    }

    @Override
    public String help() {
        return "Binary cross-entropy on logits (PyTorch's BCEWithLogitsLoss): bce of sigmoid(pred) against y.\n"
                + "It is computed from pred directly, so that it never overflows. Leave the final sigmoid out.\n"
                + "A loss for train(..., loss=bce_logits), and a function: bce_logits(model(X), y).";
    }

    @Override
    public Node build(Node p, Node y) {
        int len = p.value.getNumElements();
        DMatrixRMaj out = new DMatrixRMaj(1, 1);
        Node node = Node.op("bce_logits", out, () -> {
            double[] x = p.value.data, t = y.value.data;
            double s = 0;
            for (int i = 0; i < len; i++) {
                double m = Math.max(-x[i], 0);
                s += (1 - t[i]) * x[i] + m + Math.log(Math.exp(-m) + Math.exp(-x[i] - m));
            }
            out.data[0] = s / len;
        }, p, y);
        return node.backward(() -> {
            double[] x = p.value.data, t = y.value.data;
            double g = node.grad().data[0] / len;
            for (int i = 0; i < len; i++) {
                if (p.requiresGrad()) p.grad().data[i] += g * (1 / (1 + Math.exp(-x[i])) - t[i]);
                if (y.requiresGrad()) y.grad().data[i] -= g * x[i];
            }
        });
    }
}
