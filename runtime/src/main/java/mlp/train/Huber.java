package mlp.train;

import mlp.autograd.Node;
import org.ejml.data.DMatrixRMaj;

import java.util.List;
import java.util.Map;

/** PyTorch's HuberLoss: the mean of 0.5 d² where |d| < delta, delta (|d| - 0.5 delta) elsewhere, d = pred - y. */
final class Huber extends Loss {
    private final double delta;

    Huber() {
        this(1);
    }

    private Huber(double delta) {
        this.delta = delta;
    }

    @Override
    public String name() {
        return "huber";
    }

    @Override
    public String help() {
        return "Huber loss (PyTorch's HuberLoss): squared error for small differences, absolute beyond delta.\n"
                + "The mean of 0.5 d^2 where |d| < delta, else delta (|d| - 0.5 delta), d = pred - y; delta 1.\n"
                + "A loss for train(..., loss=huber), and a function: huber(model(X), y, delta=0.5).";
    }

    @Override
    public List<String> settingNames() {
        return List.of("delta");
    }

    @Override
    public double setting(String name) {
        if (!name.equals("delta")) throw new IllegalArgumentException(name);
        return delta;
    }

    @Override
    public Loss with(Map<String, Double> changed) {
        return new Huber(changed.getOrDefault("delta", delta));
    }

    @Override
    public Node build(Node p, Node y) {
        int len = p.value.getNumElements();
        DMatrixRMaj out = new DMatrixRMaj(1, 1);
        Node node = Node.op("huber", out, () -> {
            double[] pd = p.value.data, yd = y.value.data;
            double s = 0;
            for (int i = 0; i < len; i++) {
                double d = Math.abs(pd[i] - yd[i]);
                s += d < delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
            }
            out.data[0] = s / len;
        }, p, y);
        return node.backward(() -> {
            double[] pd = p.value.data, yd = y.value.data;
            double g = node.grad().data[0] / len;
            for (int i = 0; i < len; i++) {
                double d = pd[i] - yd[i];
                double slope = g * (d <= -delta ? -delta : d >= delta ? delta : d);
                if (p.requiresGrad()) p.grad().data[i] += slope;
                if (y.requiresGrad()) y.grad().data[i] -= slope;
            }
        });
    }
}
