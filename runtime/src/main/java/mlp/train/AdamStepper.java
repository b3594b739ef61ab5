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
            double[] p = params[k].value.data, g = params[k].grad().data, m = s.buffers[0], v = s.buffers[1];
            if (decoupled != 0) for (int i = 0; i < m.length; i++) p[i] *= decay;
            move(p, g, m, v, rate / bc.bc1(), bc.bc2Sqrt());
        }
    }

    // One loop without branches, which the JIT turns into vector instructions (sqrt and division
    // included); the same operations in the same order as PyTorch's, so the same bits as a plain loop.
    private void move(double[] p, double[] g, double[] m, double[] v, double stepSize, double bc2Sqrt) {
        double b1 = beta1, b2 = beta2, c1 = 1 - beta1, c2 = 1 - beta2, e = eps, l2 = this.l2, minusStep = -stepSize;
        if (l2 == 0) {
            for (int i = 0; i < m.length; i++) {
                double gi = g[i], mi = m[i] * b1 + c1 * gi, vi = v[i] * b2 + c2 * gi * gi;
                m[i] = mi;
                v[i] = vi;
                p[i] += minusStep * (mi / (Math.sqrt(vi) / bc2Sqrt + e));
            }
        } else {
            for (int i = 0; i < m.length; i++) {
                double gi = g[i] + l2 * p[i], mi = m[i] * b1 + c1 * gi, vi = v[i] * b2 + c2 * gi * gi;
                m[i] = mi;
                v[i] = vi;
                p[i] += minusStep * (mi / (Math.sqrt(vi) / bc2Sqrt + e));
            }
        }
    }
}
