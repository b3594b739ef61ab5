package mlp.train;

import mlp.autograd.Node;

import java.util.List;

/**
 * PyTorch's RMSprop (not centered): a running mean of squared gradients, avg = alpha avg + (1 - alpha) g²,
 * steps of lr g / (sqrt(avg) + eps), with momentum buf = momentum buf + g / (sqrt(avg) + eps).
 */
final class RmsProp extends Optimizer {
    private static List<Setting> settings() {
        return List.of(new Setting("lr", 0.01, false), new Setting("alpha", 0.99, true),
                new Setting("eps", 1e-8, false), new Setting("momentum", 0, true));
    }

    RmsProp() {
        super(settings());
    }

    private RmsProp(double[] values) {
        super(settings(), values);
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    public String help() {
        return "RMSprop, as PyTorch's: each step divides the gradient by the root of a running mean of its squares.\n"
                + "Defaults: lr 0.01, alpha 0.99, eps 1e-8, momentum 0.\n"
                + "train(..., optimizer=rmsprop) or optimizer=rmsprop(lr=0.001, momentum=0.9).";
    }

    @Override
    protected Optimizer make(double[] values) {
        return new RmsProp(values);
    }

    @Override
    public Stepper start(int[] sizes, double rate) {
        double alpha = setting("alpha"), eps = setting("eps"), momentum = setting("momentum");
        double[][] square = buffers(sizes), buf = buffers(sizes);
        return params -> {
            for (int k = 0; k < params.length; k++) {
                double[] p = params[k].value.data, g = params[k].grad().data, sq = square[k], b = buf[k];
                for (int i = 0; i < sq.length; i++) {
                    sq[i] = sq[i] * alpha + (1 - alpha) * g[i] * g[i];
                    double avg = Math.sqrt(sq[i]) + eps;
                    if (momentum > 0) {
                        b[i] = b[i] * momentum + g[i] / avg;
                        p[i] += -rate * b[i];
                    } else {
                        p[i] += -rate * (g[i] / avg);
                    }
                }
            }
        };
    }
}
