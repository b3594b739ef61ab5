package mlp.train;

import mlp.autograd.Node;
import mlp.value.Format;
import mlp.value.Value;

import mlp.nn.Param;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's settings: a value for {@code train(..., optimizer=adam)}, which the language
 * also calls to make other settings, {@code adam(lr=0.01)}. Each kind is one small class that
 * declares its settings with their defaults and owns its update rule (PyTorch's).
 *
 * <p>Its state (moments, momentum buffers, step counts) is kept per parameter, as PyTorch's
 * {@code optimizer.state}: a value kept in a name ({@code opt = adam(lr=0.01)}) carries it from
 * one {@code train} call to the next, so two calls of 100 epochs train exactly as one of 200. The
 * built-ins themselves ({@code adam}, {@code sgd}: the defaults in {@link Optimizers#ALL}) keep
 * none, so naming them starts fresh every time, as the tutorial's {@code train_model} makes a new
 * optimizer each time; so does an {@code adam(...)} written in the call (a new value each time).
 */
public abstract class Optimizer implements Value {
    /** One setting: its name, its default, and whether it must lie in [0, 1) (else: >= 0). */
    public record Setting(String name, double byDefault, boolean belowOne) {
    }

    private final List<Setting> settings;
    private final double[] values;
    /** The state of each parameter this value stepped; null for a built-in at its defaults (it keeps none). */
    private final Map<Param, State> state;

    /** One parameter's state: the optimizer's buffers (each the parameter's size) and its steps so far. */
    protected static final class State {
        public final double[][] buffers;
        public long steps;

        State(int buffers, int size) {
            this.buffers = new double[buffers][size];
        }
    }

    /** Settings at their defaults ({@code lr} must be the first): the built-in, which keeps no state. */
    protected Optimizer(List<Setting> settings) {
        this(settings, defaults(settings), false);
    }

    /** Settings with these values: a value made by a call, which keeps its state across train calls. */
    protected Optimizer(List<Setting> settings, double[] values) {
        this(settings, values, true);
    }

    private Optimizer(List<Setting> settings, double[] values, boolean keepsState) {
        if (!settings.get(0).name().equals("lr")) throw new IllegalArgumentException("lr must be the first setting");
        this.settings = settings;
        this.values = values;
        this.state = keepsState ? new IdentityHashMap<>() : null;
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

    /**
     * One run's stepper over these parameters (in the order of the nodes {@link Stepper#step}
     * gets), starting from their state (see {@link #states}); the run sets the rate each epoch.
     */
    public abstract Stepper start(List<Param> params);

    /** Updates parameters in place from their gradients. */
    public interface Stepper {
        /** One step: {@code params[i].value} moves along {@code params[i].grad()}. */
        void step(Node[] params);

        /** The learning rate of the steps to come (a schedule changes it each epoch). */
        void rate(double rate);
    }

    /**
     * Each parameter's state with {@code buffers} buffers: the one this value kept from earlier
     * runs, or a new one (zeros, no steps) — always a new one for a built-in at its defaults.
     */
    protected final State[] states(List<Param> params, int buffers) {
        State[] out = new State[params.size()];
        for (int i = 0; i < out.length; i++) {
            Param p = params.get(i);
            if (state == null) {
                out[i] = new State(buffers, p.size());
                continue;
            }
            synchronized (state) {
                State s = state.get(p);
                if (s == null || s.buffers.length != buffers || (buffers > 0 && s.buffers[0].length != p.size())) {
                    s = new State(buffers, p.size());
                    state.put(p, s);
                }
                out[i] = s;
            }
        }
        return out;
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
