package mlp.eval;

import mlp.value.Value;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Names and their values; a lambda's call gets a scope whose parent is the one it closed over. */
public final class Scope {
    private final Scope parent;
    private final Map<String, Value> values = new LinkedHashMap<>();

    public Scope(Scope parent) {
        this.parent = parent;
    }

    /** The value of a name here or in an enclosing scope, or null. */
    public Value lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Value v = s.values.get(name);
            if (v != null) return v;
        }
        return null;
    }

    public void define(String name, Value value) {
        values.put(name, value);
    }

    public void remove(String name) {
        values.remove(name);
    }

    public void clear() {
        values.clear();
    }

    /** This scope's own names and values, in the order they were first bound. */
    public Map<String, Value> own() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** Every name visible from here. */
    public Set<String> visibleNames() {
        Set<String> names = new TreeSet<>();
        for (Scope s = this; s != null; s = s.parent) names.addAll(s.values.keySet());
        return names;
    }
}
