package mlp.train;

import mlp.autograd.Node;
import mlp.value.Format;
import mlp.value.Str;
import mlp.value.Value;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An optimizer's settings: a value for {@code train(..., optimizer=adam)}, and a function that
 * makes other settings, {@code adam(lr=0.01)}. Its state (moments, momentum buffers) lives in
 * the {@link Stepper} one training run creates, so a fresh run starts fresh, as the tutorial's
 * {@code train_model} makes a new optimizer each time.
 */
public final class Optimizer implements Value {
    public enum Kind { ADAM, SGD }

    /** PyTorch's Adam defaults. */
    public static final Optimizer ADAM = new Optimizer(Kind.ADAM, 0.001, 0.9, 0.999, 1e-8, 0, 0);
    /** SGD with lr 0.01 and no momentum. */
    public static final Optimizer SGD = new Optimizer(Kind.SGD, 0.01, 0, 0, 0, 0, 0);


    private final Kind kind;
    private final double lr, beta1, beta2, eps, weightDecay, momentum;

    private Optimizer(Kind kind, double lr, double beta1, double beta2, double eps, double weightDecay, double momentum) {
        this.kind = kind;
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
    }

    /** The optimizer a value names ({@code adam}, {@code adam(lr=0.1)}, or the string "adam"), or null. */
    public static Optimizer of(Value v) {
        if (v instanceof Optimizer o) return o;
        if (v instanceof Str s) return s.value().equals("adam") ? ADAM : s.value().equals("sgd") ? SGD : null;
        return null;
    }

    public Kind optimizerKind() {
        return kind;
    }

    public double lr() {
        return lr;
    }

    public String name() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** The names of its settings, in the order of its signature ({@code lr} first). */
    public List<String> settingNames() {
        return kind == Kind.ADAM ? List.of("lr", "beta1", "beta2", "eps", "weight_decay") : List.of("lr", "momentum");
    }

    /** A setting's value. */
    public double setting(String name) {
        return switch (name) {
            case "lr" -> lr;
            case "beta1" -> beta1;
            case "beta2" -> beta2;
            case "eps" -> eps;
            case "weight_decay" -> weightDecay;
            case "momentum" -> momentum;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** True for a setting that must lie in [0, 1) (betas, momentum); the others must be >= 0. */
    public boolean belowOne(String name) {
        return name.startsWith("beta") || name.equals("momentum");
    }

    /** These settings with some changed ({@code adam(lr=0.01)}); the values are already checked. */
    public Optimizer with(Map<String, Double> changed) {
        java.util.function.ToDoubleFunction<String> v = n -> changed.getOrDefault(n, setting(n));
        if (kind == Kind.SGD) return new Optimizer(kind, v.applyAsDouble("lr"), 0, 0, 0, 0, v.applyAsDouble("momentum"));
        return new Optimizer(kind, v.applyAsDouble("lr"), v.applyAsDouble("beta1"), v.applyAsDouble("beta2"),
                v.applyAsDouble("eps"), v.applyAsDouble("weight_decay"), 0);
    }

    /** One run's optimizer state over a model's parameters, with the learning rate in force. */
    public Stepper start(int[] sizes, double learningRate) {
        return kind == Kind.ADAM ? new Adam(sizes, learningRate) : new Sgd(sizes, learningRate);
    }

    /** Updates parameters in place from their gradients. */
    public interface Stepper {
        /** One step: {@code params[i].value} moves along {@code params[i].grad()}. */
        void step(Node[] params);
    }

    /** PyTorch's Adam (single-tensor form): bias-corrected moments, weight decay added to the gradient. */
    private final class Adam implements Stepper {
        private final double[][] m, v;
        private final double rate;
        private int t;

        Adam(int[] sizes, double rate) {
            this.rate = rate;
            m = new double[sizes.length][];
            v = new double[sizes.length][];
            for (int i = 0; i < sizes.length; i++) {
                m[i] = new double[sizes[i]];
                v[i] = new double[sizes[i]];
            }
        }

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
    }

    /** PyTorch's SGD: with momentum, the buffer starts as the first gradient, then buf = momentum × buf + g. */
    private final class Sgd implements Stepper {
        private final double[][] buf;
        private final double rate;
        private boolean first = true;

        Sgd(int[] sizes, double rate) {
            this.rate = rate;
            buf = new double[sizes.length][];
            for (int i = 0; i < sizes.length; i++) buf[i] = new double[sizes[i]];
        }

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
    }

    /** How it is called to change settings: {@code adam(lr=, beta1=, ...)}. */
    public String signature() {
        return name() + "(" + String.join("=, ", settingNames()) + "=)";
    }

    @Override
    public String kind() {
        return "optimizer";
    }

    @Override
    public String toString() {
        if (kind == Kind.SGD)
            return "<optimizer sgd(lr=" + Format.number(lr) + ", momentum=" + Format.number(momentum) + ")>";
        return "<optimizer adam(lr=" + Format.number(lr) + ", beta1=" + Format.number(beta1) + ", beta2=" + Format.number(beta2)
                + ", eps=" + Format.number(eps) + ", weight_decay=" + Format.number(weightDecay) + ")>";
    }
}
