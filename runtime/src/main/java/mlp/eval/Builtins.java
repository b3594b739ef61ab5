package mlp.eval;

import mlp.value.Value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one registry of the standard library: for every built-in name its signature, help text,
 * category and value. The interpreter binds these names; the REPL's {@code :help} and the
 * README's reference are made from the same entries, so they cannot drift apart.
 *
 * <p>Each area of the runtime registers its own built-ins (see {@link #standard()}). Values in
 * here are shared by every interpreter, so they hold no per-interpreter state.
 */
public final class Builtins {
    /** One documented name. {@code help}'s first line is the one-line summary. */
    public record Entry(String name, String signature, String category, String help, Value value) {
        public String summary() {
            int nl = help.indexOf('\n');
            return nl < 0 ? help : help.substring(0, nl);
        }
    }

    /** A part of the runtime that contributes built-ins. */
    public interface Module {
        void register(Builtins into);
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private static final Builtins STANDARD = build();

    /** The standard library, built once. */
    public static Builtins standard() {
        return STANDARD;
    }

    private static Builtins build() {
        Builtins b = new Builtins();
        for (Module m : List.<Module>of(
                new CoreBuiltins(),
                new DataBuiltins(),
                new MathBuiltins(),
                new TensorBuiltins(),
                new ListBuiltins(),
                new mlp.eval.IoBuiltins(),
                new mlp.eval.LayerBuiltins(),
                new mlp.eval.TrainBuiltins(),
                new mlp.eval.PlotBuiltins()))
            m.register(b);
        // modules on the class path that bring their own built-ins (mlp-spark's spark()), named in
        // their jar's META-INF/services/mlp.eval.Builtins$Module: the runtime never names them
        for (Module m : java.util.ServiceLoader.load(Module.class, Builtins.class.getClassLoader())) m.register(b);
        return b;
    }

    /** Registers a function; its name is the part of {@code signature} before the bracket. */
    public Builtin function(String category, String signature, String help, Builtin.Impl impl) {
        return function(category, Signature.of(signature), help, impl);
    }

    /** The same with the signature its parameter handles ({@link Param}) were checked against. */
    public Builtin function(String category, Signature signature, String help, Builtin.Impl impl) {
        Builtin fn = new Builtin(signature, impl);
        add(new Entry(fn.sig().name(), signature.toString(), category, help, fn));
        return fn;
    }

    /**
     * Registers any other value under a name: a constant ({@code pi}), or a value that is both a
     * function and something else ({@code relu} is also a layer, {@code adam} an optimizer).
     */
    public void value(String category, String name, String signature, String help, Value value) {
        add(new Entry(name, signature, category, help, value));
    }

    private void add(Entry e) {
        if (entries.containsKey(e.name())) throw new IllegalStateException("built-in registered twice: " + e.name());
        entries.put(e.name(), e);
    }

    public Entry get(String name) {
        return entries.get(name);
    }

    public Map<String, Entry> entries() {
        return Collections.unmodifiableMap(entries);
    }

    public List<String> categories() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries.values()) if (!out.contains(e.category())) out.add(e.category());
        return out;
    }
}
