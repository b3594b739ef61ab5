package mlp.train;

import mlp.autograd.Node;
import mlp.value.Format;
import mlp.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's settings: a value for {@code train(..., optimizer=adam)}, which the language
 * also calls to make other settings, {@code adam(lr=0.01)}. Each kind is one small class that
 * declares its settings with their defaults and owns its update rule (PyTorch's); its state
 * (moments, momentum buffers) lives in the {@link Stepper} one training run creates, so a fresh
 * run starts fresh, as the tutorial's {@code train_model} makes a new optimizer each time.
 * {@link Optimizers#ALL} lists the kinds.
 */
public abstract class Optimizer implements Value {
    /** One setting: its name, its default, and whether it must lie in [0, 1) (else: >= 0). */
    public record Setting(String name, double byDefault, boolean belowOne) {
    }

    private final List<Setting> settings;
    private final double[] values;

    /** Settings at their defaults ({@code lr} must be the first). */
    protected Optimizer(List<Setting> settings) {
        this(settings, defaults(settings));
    }

    protected Optimizer(List<Setting> settings, double[] values) {
        if (!settings.get(0).name().equals("lr")) throw new IllegalArgumentException("lr must be the first setting");
        this.settings = settings;
        this.values = values;
    }

    private static double[] defaults(List<Setting> settings) {
        double[] v = new double[settings.size()];
        for (int i = 0; i < v.length; i++) v[i] = settings.get(i).byDefault();
        return v;
    }

    /** Its name in the language: {@code adam}. */
    public abstract String name();

    /** What {@code :help} and the README say about it; the first line is the summary. */
    public abstract String help();

    /** The same kind with these values of its settings (in the order of its settings). */
    protected abstract Optimizer make(double[] values);

    /** One run's optimizer state over a model's parameters, with the learning rate in force. */
    public abstract Stepper start(int[] sizes, double learningRate);

    /** Updates parameters in place from their gradients. */
    public interface Stepper {
        /** One step: {@code params[i].value} moves along {@code params[i].grad()}. */
        void step(Node[] params);
    }

    public double lr() {
        return values[0];
    }

    /** The names of its settings, in the order of its signature ({@code lr} first). */
    public List<String> settingNames() {
        List<String> out = new ArrayList<>();
        for (Setting s : settings) out.add(s.name());
        return out;
    }

    /** A setting's value. */
    public double setting(String name) {
        return values[index(name)];
    }

    /** True for a setting that must lie in [0, 1) (betas, momentum); the others must be >= 0. */
    public boolean belowOne(String name) {
        return settings.get(index(name)).belowOne();
    }

    /** These settings with some changed ({@code adam(lr=0.01)}); the values are already checked. */
    public Optimizer with(Map<String, Double> changed) {
        double[] v = values.clone();
        for (var e : changed.entrySet()) v[index(e.getKey())] = e.getValue();
        return make(v);
    }

    private int index(String name) {
        for (int i = 0; i < settings.size(); i++) if (settings.get(i).name().equals(name)) return i;
        throw new IllegalArgumentException(name() + " has no setting " + name);
    }

    /** How the language calls it to change settings: {@code adam(lr=, beta1=, ...)}. */
    public String signature() {
        return name() + "(" + String.join("=, ", settingNames()) + "=)";
    }

    /** Per parameter: an array of its size, zeros (the optimizers' moment and momentum buffers). */
    protected static double[][] buffers(int[] sizes) {
        double[][] b = new double[sizes.length][];
        for (int i = 0; i < sizes.length; i++) b[i] = new double[sizes[i]];
        return b;
    }

    @Override
    public String kind() {
        return "optimizer";
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<optimizer ").append(name()).append('(');
        for (int i = 0; i < settings.size(); i++)
            s.append(i > 0 ? ", " : "").append(settings.get(i).name()).append('=').append(Format.number(values[i]));
        return s.append(")>").toString();
    }
}
