package mlp.train;

import mlp.autograd.Node;
import mlp.nn.Param;

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
    public Stepper start(List<Param> params) {
        double beta1 = setting("beta1"), beta2 = setting("beta2"), eps = setting("eps"), weightDecay = setting("weight_decay");
        State[] states = states(params, 2); // m, v
        BiasCorrection bc = new BiasCorrection(beta1, beta2);
        return new Stepper() {
            private double rate;

            @Override
            public void rate(double rate) {
                this.rate = rate;
            }

            @Override
            public void step(Node[] params) {
                double decay = 1 - rate * weightDecay; // decoupled: the weights shrink by lr × weight_decay
                for (int k = 0; k < params.length; k++) {
                    State s = states[k];
                    bc.at(++s.steps); // per parameter, as PyTorch's state["step"]
                    double bc1 = bc.bc1(), bc2Sqrt = bc.bc2Sqrt();
                    double stepSize = rate / bc1;
                    double[] p = params[k].value.data, g = params[k].grad().data, mk = s.buffers[0], vk = s.buffers[1];
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
