package mlp.train;

import mlp.autograd.Node;

import java.util.List;

/** PyTorch's AdamW (single-tensor form): the weights decay by lr × weight_decay, apart from Adam's moments. */
final class AdamW extends Optimizer {
    private static List<Setting> settings() {
        return List.of(new Setting("lr", 0.001, false), new Setting("beta1", 0.9, true),
                new Setting("beta2", 0.999, true), new Setting("eps", 1e-8, false), new Setting("weight_decay", 0.01, false));
    }

    AdamW() {
        super(settings());
    }

    private AdamW(double[] values) {
        super(settings(), values);
    }

    @Override
    public String name() {
        return "adamw";
    }

    @Override
    public String help() {
        return "AdamW, as PyTorch's: Adam with decoupled weight decay (each step w shrinks by lr × weight_decay).\n"
                + "Defaults: lr 0.001, beta1 0.9, beta2 0.999, eps 1e-8, weight_decay 0.01.\n"
                + "train(..., optimizer=adamw) or optimizer=adamw(lr=0.01, weight_decay=0.1).";
    }

    @Override
    protected Optimizer make(double[] values) {
        return new AdamW(values);
    }

    @Override
    public Stepper start(int[] sizes, double rate) {
        double beta1 = setting("beta1"), beta2 = setting("beta2"), eps = setting("eps"), decay = 1 - rate * setting("weight_decay");
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
                        p[i] *= decay;
                        mk[i] = mk[i] * beta1 + (1 - beta1) * g[i];
                        vk[i] = vk[i] * beta2 + (1 - beta2) * g[i] * g[i];
                        p[i] += -stepSize * (mk[i] / (Math.sqrt(vk[i]) / bc2Sqrt + eps));
                    }
                }
            }
        };
    }
}
