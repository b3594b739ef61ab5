package mlp.embed;

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
 * Keys that are not names a script can write (such as {@code javax.script.filename}) are kept
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
        if (!Conversions.isName(k)) return other.put(k, value);
        return java(interpreter.replace(k, value == null ? null : Conversions.toValue(value)));
    }

    @Override
    public Object get(Object name) {
        String k = key(name);
        return Conversions.isName(k) ? java(interpreter.find(k)) : other.get(k);
    }

    @Override
    public boolean containsKey(Object name) {
        String k = key(name);
        return Conversions.isName(k) ? interpreter.has(k) : other.containsKey(k);
    }

    @Override
    public Object remove(Object name) {
        String k = key(name);
        return Conversions.isName(k) ? java(interpreter.replace(k, null)) : other.remove(k);
    }

    @Override
    public void clear() {
        for (String name : interpreter.names()) interpreter.remove(name);
        other.clear();
    }

    @Override
    public int size() {
        return interpreter.names().size() + other.size();
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
        interpreter.snapshot().forEach((k, v) -> all.put(k, v.toJava()));
        synchronized (other) {
            all.putAll(other);
        }
        return Collections.unmodifiableMap(all).entrySet();
    }
}
