package mlp.train;

import mlp.value.Format;
import mlp.value.Value;

/**
 * A learning-rate schedule, a value for {@code train(..., lr=step_lr(0.1, every=30))}: the rate
 * of each epoch, stepped once per epoch as PyTorch's StepLR, ExponentialLR and
 * CosineAnnealingLR are when {@code scheduler.step()} ends each epoch. Epochs count from 0
 * within one {@code train} call; a cosine schedule spans that call's epochs.
 */
public abstract sealed class Schedule implements Value {
    /** The starting rate. */
    final double lr;

    private Schedule(double lr) {
        this.lr = lr;
    }

    /** StepLR: {@code lr × gamma^floor(e / every)}. */
    public static Schedule step(double lr, int every, double gamma) {
        return new Step(lr, every, gamma);
    }

    /** ExponentialLR: {@code lr × gamma^e}. */
    public static Schedule exp(double lr, double gamma) {
        return new Exp(lr, gamma);
    }

    /** CosineAnnealingLR over the run's epochs, from lr down to min. */
    public static Schedule cosine(double lr, double min) {
        return new Cosine(lr, min);
    }

    /** The rate of epoch {@code e} (0-based) of a run of {@code epochs} epochs. */
    public abstract double rate(int e, int epochs);

    @Override
    public String kind() {
        return "schedule";
    }

    /** StepLR: {@code lr × gamma^floor(e / every)}. */
    static final class Step extends Schedule {
        private final int every;
        private final double gamma;

        Step(double lr, int every, double gamma) {
            super(lr);
            this.every = every;
            this.gamma = gamma;
        }

        @Override
        public double rate(int e, int epochs) {
            return lr * Math.pow(gamma, e / every);
        }

        @Override
        public String toString() {
            return "<schedule step_lr(" + Format.number(lr) + ", every=" + every + ", gamma=" + Format.number(gamma) + ")>";
        }
    }

    /** ExponentialLR: {@code lr × gamma^e}. */
    static final class Exp extends Schedule {
        private final double gamma;

        Exp(double lr, double gamma) {
            super(lr);
            this.gamma = gamma;
        }

        @Override
        public double rate(int e, int epochs) {
            return lr * Math.pow(gamma, e);
        }

        @Override
        public String toString() {
            return "<schedule exp_lr(" + Format.number(lr) + ", gamma=" + Format.number(gamma) + ")>";
        }
    }

    /**
     * CosineAnnealingLR with T_max the run's epochs: {@code min + (lr - min)(1 + cos(π e / T))/2}
     * (PyTorch's closed form; its recursive form agrees to rounding).
     */
    static final class Cosine extends Schedule {
        private final double min;

        Cosine(double lr, double min) {
            super(lr);
            this.min = min;
        }

        @Override
        public double rate(int e, int epochs) {
            if (epochs <= 0) return lr;
            return min + (lr - min) * (1 + Math.cos(Math.PI * e / epochs)) / 2;
        }

        @Override
        public String toString() {
            return "<schedule cosine_lr(" + Format.number(lr) + ", min=" + Format.number(min) + ")>";
        }
    }
}
