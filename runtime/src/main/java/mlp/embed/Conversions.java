package mlp.embed;

import mlp.value.Bool;
import mlp.value.ListValue;
import mlp.value.Num;
import mlp.value.Str;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Java objects into interpreter values (the way out is {@link MlpValue}). Everything is copied. */
final class Conversions {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z_0-9]*");
    private static final Set<String> KEYWORDS = Set.of("true", "false");

    private Conversions() {
    }

    /** True when a script could write this name (an identifier, not a keyword). */
    static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches() && !KEYWORDS.contains(name);
    }

    static String checkName(String name) {
        if (name == null) throw new NullPointerException("name");
        if (!isName(name))
            throw new IllegalArgumentException("'" + name + "' is not a name a script can use (letters, digits and _, not starting with a digit; not true or false)");
        return name;
    }

    /**
     * A Java value as an interpreter value: a {@code Number} becomes a number; {@code double[][]}
     * and {@code DMatrixRMaj} a tensor; {@code double[]} a 1×n row (as the literal {@code [1, 2, 3]});
     * a {@code String}, {@code Boolean} or {@code List} the same in mlp; an {@link MlpValue} itself.
     *
     * @throws IllegalArgumentException for anything else, or a ragged array
     */
    static Value toValue(Object o) {
        if (o == null) throw new NullPointerException("value");
        if (o instanceof MlpValue v) return v.toValue();
        if (o instanceof Number n) return new Num(n.doubleValue());
        if (o instanceof double[][] rows) return new Tensor(matrix(rows));
        if (o instanceof double[] row) return new Tensor(new DMatrixRMaj(1, row.length, true, row.clone()));
        if (o instanceof DMatrixRMaj m) return new Tensor(m.copy());
        if (o instanceof String s) return new Str(s);
        if (o instanceof Boolean b) return Bool.of(b);
        if (o instanceof List<?> list) {
            List<Value> items = new ArrayList<>(list.size());
            for (Object item : list) items.add(toValue(item));
            return new ListValue(items);
        }
        throw new IllegalArgumentException("mlp has no value for a " + o.getClass().getName()
                + "; pass a number, double[][], double[], DMatrixRMaj, String, Boolean, List or MlpValue");
    }

    /**
     * As {@link #toValue}, but null for a Java object mlp has no value for (a host's own object,
     * or a list holding one). A ragged array is still an {@code IllegalArgumentException}.
     */
    static Value toValueOrNull(Object o) {
        if (o instanceof List<?> list) {
            for (Object item : list) if (item == null || (!(item instanceof List<?>) && toValueOrNull(item) == null)) return null;
            try {
                return toValue(o);
            } catch (IllegalArgumentException e) { // a list deeper down holding a stranger
                return null;
            }
        }
        if (o instanceof MlpValue || o instanceof Number || o instanceof double[][] || o instanceof double[]
                || o instanceof DMatrixRMaj || o instanceof String || o instanceof Boolean) return toValue(o);
        return null;
    }

    /** A copy of rows of equal length as a matrix. */
    static DMatrixRMaj matrix(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        DMatrixRMaj m = new DMatrixRMaj(rows.length, cols);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != cols)
                throw new IllegalArgumentException("the rows of a tensor must have the same length: row 0 has " + cols
                        + ", row " + r + " has " + (rows[r] == null ? "none (null)" : rows[r].length));
            System.arraycopy(rows[r], 0, m.data, r * cols, cols);
        }
        return m;
    }
}
