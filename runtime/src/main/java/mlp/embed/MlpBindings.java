package mlp.embed;

import mlp.value.Value;

import javax.script.Bindings;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The engine-scope bindings of the JSR-223 engine: a live view of one interpreter's names.
 * {@code put("X", new double[][]{...})} binds a tensor the script sees as {@code X};
 * {@code get("y")} gives what the script bound to {@code y}, converted (see {@link MlpScriptEngine}).
 * Keys that are not names a script can write (such as {@code javax.script.filename}), and Java
 * objects mlp has no value for (jrunscript puts the engine itself in its bindings), are kept
 * beside the interpreter, where scripts do not see them. {@link #entrySet()} and
 * {@link #keySet()} are snapshots; change the bindings through {@code put} and {@code remove}.
 */
final class MlpBindings extends AbstractMap<String, Object> implements Bindings {
    private final MlpInterpreter interpreter;
    private final Map<String, Object> other = Collections.synchronizedMap(new LinkedHashMap<>());

    MlpBindings(MlpInterpreter interpreter) {
        this.interpreter = interpreter;
    }

    MlpInterpreter interpreter() {
        return interpreter;
    }

    private static String key(Object key) {
        Objects.requireNonNull(key, "key");
        if (!(key instanceof String s)) throw new ClassCastException("binding keys are strings, not " + key.getClass().getName());
        if (s.isEmpty()) throw new IllegalArgumentException("a binding key cannot be empty");
        return s;
    }

    private static Object java(MlpValue v) {
        return v == null ? null : v.toJava();
    }

    @Override
    public Object put(String name, Object value) {
        String k = key(name);
        Value v = Conversions.isName(k) && value != null ? Conversions.toValueOrNull(value) : null;
        if (v == null) { // not for scripts: kept beside, and any interpreter binding of the name goes
            Object before = Conversions.isName(k) ? java(interpreter.replace(k, null)) : null;
            Object kept = other.put(k, value);
            return before != null ? before : kept;
        }
        Object kept = other.remove(k);
        Object before = java(interpreter.replace(k, v));
        return before != null ? before : kept;
    }

    @Override
    public Object get(Object name) {
        String k = key(name);
        Object v = Conversions.isName(k) ? java(interpreter.find(k)) : null;
        return v != null ? v : other.get(k);
    }

    @Override
    public boolean containsKey(Object name) {
        String k = key(name);
        return (Conversions.isName(k) && interpreter.has(k)) || other.containsKey(k);
    }

    @Override
    public Object remove(Object name) {
        String k = key(name);
        Object before = Conversions.isName(k) ? java(interpreter.replace(k, null)) : null;
        Object kept = other.remove(k);
        return before != null ? before : kept;
    }

    @Override
    public void clear() {
        for (String name : interpreter.names()) interpreter.remove(name);
        other.clear();
    }

    @Override
    public int size() {
        return keySet().size();
    }

    @Override
    public Set<String> keySet() {
        Set<String> keys = new LinkedHashSet<>(interpreter.names());
        synchronized (other) {
            keys.addAll(other.keySet());
        }
        return Collections.unmodifiableSet(keys);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> all = new LinkedHashMap<>();
        synchronized (other) {
            all.putAll(other);
        }
        interpreter.snapshot().forEach((k, v) -> all.put(k, v.toJava())); // a script's binding wins
        return Collections.unmodifiableMap(all).entrySet();
    }
}
