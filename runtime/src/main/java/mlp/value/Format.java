package mlp.value;

import org.ejml.data.DMatrixRMaj;

import java.util.Locale;

/** How numbers and tensors print (NumPy's style, 4 decimals). */
public final class Format {
    private Format() {
    }

    /** How {@code print} shows a value: strings without quotes. */
    public static String print(Value v) {
        if (v instanceof Str s) return s.value();
        return repr(v);
    }

    /** How the REPL echoes a value: strings quoted, lists with their items' echo forms. */
    public static String repr(Value v) {
        if (v == null) return "nothing";
        if (v instanceof Str s) return '"' + s.value().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        if (v instanceof ListValue l) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < l.length(); i++) out.append(i > 0 ? ", " : "").append(repr(l.item(i)));
            return out.append(']').toString();
        }
        return v.toString();
    }

    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e15) return strip(String.format(Locale.ROOT, "%.4f", v));
        return String.format(Locale.ROOT, "%.4e", v);
    }

    private static String strip(String s) {
        if (s.indexOf('.') < 0) return s;
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        return s.substring(0, end);
    }

    public static String tensor(DMatrixRMaj m) {
        StringBuilder out = new StringBuilder("[");
        for (int r = 0; r < m.numRows; r++) {
            if (r > 0) out.append("\n ");
            out.append('[');
            for (int c = 0; c < m.numCols; c++) {
                if (c > 0) out.append(' ');
                out.append(number(m.unsafe_get(r, c)));
            }
            out.append(']');
        }
        return out.append(']').toString();
    }
}
