package mlp.train;

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
        return new AdamStepper(states(params, 2), beta1, beta2, eps, 0, weightDecay);
    }
}
