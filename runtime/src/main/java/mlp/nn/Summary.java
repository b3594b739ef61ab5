package mlp.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * A model as a table: each layer, its output shape and its parameter count, then the total.
 * {@code summary(model)} prints it and the REPL echoes a model with it.
 * <pre>
 * layer          output  params
 * linear(2, 16)  (n×16)      48
 * relu           (n×16)       0
 * linear(16, 2)  (n×2)       34
 * total                      82
 * </pre>
 */
public final class Summary {
    private Summary() {
    }

    public static String table(Layer model) {
        List<Layer> layers = model.summaryRows();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"layer", "output", "params"});
        int width = model.inWidth();
        long total = 0;
        for (Layer l : layers) {
            width = l.outWidth(width);
            long count = l.parameterCount();
            total += count;
            rows.add(new String[]{l.describe(), "(n×" + (width < 0 ? "?" : width) + ")", Long.toString(count)});
        }
        rows.add(new String[]{"total", "", Long.toString(total)});
        int[] w = new int[3];
        for (String[] r : rows) for (int i = 0; i < 3; i++) w[i] = Math.max(w[i], r[i].length());
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            if (out.length() > 0) out.append('\n');
            out.append(pad(r[0], w[0])).append("  ").append(pad(r[1], w[1])).append("  ")
                    .append(" ".repeat(w[2] - r[2].length())).append(r[2]);
        }
        return out.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
