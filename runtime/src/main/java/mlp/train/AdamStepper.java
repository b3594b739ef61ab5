package mlp.train;

import mlp.autograd.Node;

/**
 * The step Adam and AdamW share (PyTorch's single-tensor form): bias-corrected moments per
 * parameter, with weight decay either added to the gradient ({@code l2}, Adam's) or taken off
 * the weights before the step ({@code decoupled}, AdamW's: they shrink by lr × weight_decay).
 */
final class AdamStepper implements Optimizer.Stepper {
    private final Optimizer.State[] states; // per parameter: m, v and its step count
    private final double beta1, beta2, eps, l2, decoupled;
    private final BiasCorrection bc;
    private double rate;

    AdamStepper(Optimizer.State[] states, double beta1, double beta2, double eps, double l2, double decoupled) {
        this.states = states;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.l2 = l2;
        this.decoupled = decoupled;
        this.bc = new BiasCorrection(beta1, beta2);
    }

    @Override
    public void rate(double rate) {
        this.rate = rate;
    }

    @Override
    public void step(Node[] params) {
        double decay = 1 - rate * decoupled;
        for (int k = 0; k < params.length; k++) {
            Optimizer.State s = states[k];
            bc.at(++s.steps); // per parameter, as PyTorch's state["step"]
            double bc2Sqrt = bc.bc2Sqrt();
            double stepSize = rate / bc.bc1();
            double[] p = params[k].value.data, g = params[k].grad().data, mk = s.buffers[0], vk = s.buffers[1];
            for (int i = 0; i < mk.length; i++) {
                if (decoupled != 0) p[i] *= decay;
                double gi = l2 == 0 ? g[i] : g[i] + l2 * p[i];
                mk[i] = mk[i] * beta1 + (1 - beta1) * gi;
                vk[i] = vk[i] * beta2 + (1 - beta2) * gi * gi;
                p[i] += -stepSize * (mk[i] / (Math.sqrt(vk[i]) / bc2Sqrt + eps));
            }
        }
    }
}
