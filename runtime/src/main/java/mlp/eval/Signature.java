package mlp.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A built-in's signature, written once as text (e.g.
 * {@code train(model, X, y, epochs=100, optimizer=adam, lr=)}) and used three ways: shown in
 * {@code :help} and messages, to bind call arguments (names, counts, unknown names), and for the
 * defaults, which are .mlp expressions evaluated among the built-ins.
 *
 * <p>Parameter forms: {@code name} (required), {@code name=expr} (default), {@code name=}
 * (optional, no default), {@code ...} (any number of further positional arguments; parameters
 * after it can only be given by name).
 */
public final class Signature {
    /** One parameter; {@code defaultText} is null when required and "" when optional without a default. */
    public record Param(String name, String defaultText, boolean positional) {
        public boolean required() {
            return defaultText == null;
        }
    }

    private final String text;
    private final String name;
    private final List<Param> params;
    private final boolean variadic;

    private Signature(String text, String name, List<Param> params, boolean variadic) {
        this.text = text;
        this.name = name;
        this.params = params;
        this.variadic = variadic;
    }

    private static final java.util.Map<String, Signature> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The signature of this text, parsed once (the adapters of layers, losses and optimizers call it per call). */
    public static Signature of(String text) {
        return PARSED.computeIfAbsent(text, Signature::parse);
    }

    public static Signature parse(String text) {
        int open = text.indexOf('(');
        if (open < 0) return new Signature(text, text, List.of(), false);
        if (!text.endsWith(")")) throw new IllegalArgumentException("bad signature: " + text);
        String name = text.substring(0, open);
        List<Param> params = new ArrayList<>();
        boolean variadic = false;
        for (String part : splitTopLevel(text.substring(open + 1, text.length() - 1))) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            if (p.equals("...")) {
                variadic = true;
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) params.add(new Param(p, null, !variadic));
            else params.add(new Param(p.substring(0, eq).trim(), p.substring(eq + 1).trim(), !variadic));
        }
        return new Signature(text, name, List.copyOf(params), variadic);
    }

    // commas inside brackets or strings in a default do not split parameters
    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0, from = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (!quoted && (c == '(' || c == '[')) depth++;
            else if (!quoted && (c == ')' || c == ']')) depth--;
            else if (!quoted && depth == 0 && c == ',') {
                parts.add(s.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(s.substring(from));
        return parts;
    }

    public String name() {
        return name;
    }

    public List<Param> params() {
        return params;
    }

    public boolean variadic() {
        return variadic;
    }

    public int indexOf(String param) {
        for (int i = 0; i < params.size(); i++) if (params.get(i).name().equals(param)) return i;
        return -1;
    }

    /** The names a call may use as {@code name=value}. */
    public List<String> names() {
        return params.stream().map(Param::name).toList();
    }

    @Override
    public String toString() {
        return text;
    }
}
