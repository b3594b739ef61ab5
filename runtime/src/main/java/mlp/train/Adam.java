package mlp.train;

import mlp.autograd.Node;

import java.util.List;

/** PyTorch's Adam (single-tensor form): bias-corrected moments, weight decay added to the gradient (L2). */
final class Adam extends Optimizer {
    private static List<Setting> settings() {
        return List.of(new Setting("lr", 0.001, false), new Setting("beta1", 0.9, true),
                new Setting("beta2", 0.999, true), new Setting("eps", 1e-8, false), new Setting("weight_decay", 0, false));
    }

    Adam() {
        super(settings());
    }

    private Adam(double[] values) {
        super(settings(), values);
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public String help() {
        return "The Adam optimizer, as PyTorch's, with bias correction.\n"
                + "Defaults: lr 0.001, beta1 0.9, beta2 0.999, eps 1e-8, weight_decay 0; weight_decay adds\n"
                + "weight_decay × w to the gradient (L2).\n"
                + "train(..., optimizer=adam) or optimizer=adam(lr=0.01, weight_decay=1e-4).";
    }

    @Override
    protected Optimizer make(double[] values) {
        return new Adam(values);
    }

    @Override
    public Stepper start(int[] sizes, double rate) {
        double beta1 = setting("beta1"), beta2 = setting("beta2"), eps = setting("eps"), weightDecay = setting("weight_decay");
        double[][] m = buffers(sizes), v = buffers(sizes);
        return new Stepper() {
            private int t;

            @Override
            public void step(Node[] params) {
                t++;
                double bc1 = 1 - Math.pow(beta1, t), bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
                double stepSize = rate / bc1;
                for (int k = 0; k < params.length; k++) {
                    double[] p = params[k].value.data, g = params[k].grad().data, mk = m[k], vk = v[k];
                    for (int i = 0; i < mk.length; i++) {
                        double gi = weightDecay == 0 ? g[i] : g[i] + weightDecay * p[i];
                        mk[i] = mk[i] * beta1 + (1 - beta1) * gi;
                        vk[i] = vk[i] * beta2 + (1 - beta2) * gi * gi;
                        double denom = Math.sqrt(vk[i]) / bc2Sqrt + eps;
                        p[i] += -stepSize * (mk[i] / denom);
                    }
                }
            }
        };
    }
}
