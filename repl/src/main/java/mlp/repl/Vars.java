package mlp.repl;

import mlp.eval.Callable;
import mlp.value.Format;
import mlp.value.ListValue;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;

import java.util.Map;

/** {@code :vars}: the session's names, each with its kind and its shape or a short look at it. */
final class Vars {
    private static final int DETAIL_WIDTH = 60;

    private Vars() {
    }

    static String table(Map<String, Value> names) {
        if (names.isEmpty()) return "no names yet (a statement like x = randn(3, 2) makes one)";
        int nameWidth = 4;
        int kindWidth = 4;
        for (Map.Entry<String, Value> e : names.entrySet()) {
            nameWidth = Math.max(nameWidth, e.getKey().length());
            kindWidth = Math.max(kindWidth, e.getValue().kind().length());
        }
        StringBuilder out = new StringBuilder();
        out.append(pad("name", nameWidth)).append("  ").append(pad("kind", kindWidth)).append("  shape / value");
        for (Map.Entry<String, Value> e : names.entrySet()) {
            Value v = e.getValue();
            out.append('\n').append(pad(e.getKey(), nameWidth)).append("  ").append(pad(v.kind(), kindWidth))
                    .append("  ").append(detail(v));
        }
        return out.toString();
    }

    /** "a tensor (100×2)", "a number (0.01)", "a layer: linear(2 → 2)". */
    static String describe(Value v) {
        String kind = v.kind();
        String article = kind.matches("^[aeiou].*") ? "an " : "a ";
        return article + kind + " " + (v instanceof Tensor || v instanceof Num ? "(" + detail(v) + ")" : "— " + detail(v));
    }

    /** The shape of a tensor; otherwise the first line of how the value shows, cut short. */
    static String detail(Value v) {
        if (v instanceof Tensor t) return t.rows() + "×" + t.cols();
        if (v instanceof ListValue l) return l.length() + (l.length() == 1 ? " item" : " items");
        // a function or a layer: its signature says what it is (a model: its layers joined by |>)
        Callable c = mlp.eval.Calls.callable(v);
        String text = c != null ? c.signature() : Format.repr(v);
        int nl = text.indexOf('\n');
        if (nl >= 0) text = text.substring(0, nl) + " …";
        return text.length() > DETAIL_WIDTH ? text.substring(0, DETAIL_WIDTH - 1) + "…" : text;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
