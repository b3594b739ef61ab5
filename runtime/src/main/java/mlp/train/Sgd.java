package mlp.train;

import mlp.autograd.Node;

import java.util.List;

/** PyTorch's SGD: with momentum, the buffer starts as the first gradient, then buf = momentum × buf + g. */
final class Sgd extends Optimizer {
    private static List<Setting> settings() {
        return List.of(new Setting("lr", 0.01, false), new Setting("momentum", 0, true));
    }

    Sgd() {
        super(settings());
    }

    private Sgd(double[] values) {
        super(settings(), values);
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public String help() {
        return "Stochastic gradient descent, as PyTorch's SGD: lr 0.01, momentum 0 (buf = momentum × buf + grad).\n"
                + "train(..., optimizer=sgd) or optimizer=sgd(lr=0.1, momentum=0.9).";
    }

    @Override
    protected Optimizer make(double[] values) {
        return new Sgd(values);
    }

    @Override
    public Stepper start(int[] sizes, double rate) {
        double momentum = setting("momentum");
        double[][] buf = buffers(sizes);
        return new Stepper() {
            private boolean first = true;

            @Override
            public void step(Node[] params) {
                for (int k = 0; k < params.length; k++) {
                    double[] p = params[k].value.data, g = params[k].grad().data, b = buf[k];
                    for (int i = 0; i < b.length; i++) {
                        double d = g[i];
                        if (momentum != 0) {
                            b[i] = first ? d : b[i] * momentum + d;
                            d = b[i];
                        }
                        p[i] += -rate * d;
                    }
                }
                first = false;
            }
        };
    }
}
