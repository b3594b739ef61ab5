package mlp.train;

import mlp.nn.Param;

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
    public Stepper start(List<Param> params) {
        double beta1 = setting("beta1"), beta2 = setting("beta2"), eps = setting("eps"), weightDecay = setting("weight_decay");
        return new AdamStepper(states(params, 2), beta1, beta2, eps, weightDecay, 0);
    }
}
