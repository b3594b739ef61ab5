package mlp.embed;

import mlp.MlpError;
import mlp.value.Bool;
import mlp.value.Format;
import mlp.value.ListValue;
import mlp.value.Num;
import mlp.value.Str;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A value handed out by an interpreter: the result of {@link MlpInterpreter#eval(String)} or of
 * {@link MlpInterpreter#get(String)}.
 *
 * <p>Numbers, tensors, strings, booleans and lists are copied when the value is made, so the
 * value never changes afterwards and may be read from any thread. Other kinds (a layer, a run, a
 * function) are handles: {@link #kind()} and {@link #toString()} describe them, and
 * {@link MlpInterpreter#set(String, MlpValue)} passes them back into a script (into the same
 * interpreter or another one; a layer passed to another interpreter is the same layer, not a
 * copy).
 *
 * <p>The typed accessors throw an {@link MlpError} when the value is of another kind
 * ("the value is a string, not a tensor"): what a script hands back is the script's business.
 */
public final class MlpValue {
    private final String kind;
    private final Object data;  // Double, DMatrixRMaj (our own copy), String, Boolean, List<MlpValue>, or null
    private final Value handle; // the interpreter's own value, for the kinds that are not copied
    private final String text;  // how the REPL shows it, for handles (computed when made)

    private MlpValue(String kind, Object data, Value handle, String text) {
        this.kind = kind;
        this.data = data;
        this.handle = handle;
        this.text = text;
    }

    /**
     * A module's own value as a host holds it (mlp-spark's distributed tensor), to bind with
     * {@link MlpInterpreter#set(String, MlpValue)}: passed as itself, never copied.
     */
    public static MlpValue ofModuleValue(Value v) {
        return new MlpValue(v.kind(), null, java.util.Objects.requireNonNull(v, "value"), Format.repr(v));
    }

    /** A snapshot of an interpreter value; call it on the interpreter's thread. Null stays null. */
    static MlpValue of(Value v) {
        if (v == null) return null;
        if (v instanceof Num n) return new MlpValue("number", n.value(), null, null);
        if (v instanceof Tensor t) return new MlpValue("tensor", t.data().copy(), null, null);
        if (v instanceof Str s) return new MlpValue("string", s.value(), null, null);
        if (v instanceof Bool b) return new MlpValue("boolean", b.value(), null, null);
        if (v instanceof ListValue l) {
            List<MlpValue> items = new ArrayList<>(l.length());
            for (Value item : l.items()) items.add(of(item));
            return new MlpValue("list", Collections.unmodifiableList(items), null, null);
        }
        return new MlpValue(v.kind(), null, v, Format.repr(v));
    }

    /** The value to bind in an interpreter: a fresh copy of copied kinds, the handle itself otherwise. */
    Value toValue() {
        if (handle != null) return handle;
        return switch (kind) {
            case "number" -> new Num((Double) data);
            case "tensor" -> new Tensor(((DMatrixRMaj) data).copy());
            case "string" -> new Str((String) data);
            case "boolean" -> Bool.of((Boolean) data);
            default -> {
                List<Value> items = new ArrayList<>();
                for (MlpValue item : asList()) items.add(item.toValue());
                yield new ListValue(items);
            }
        };
    }

    /**
     * What a user calls this kind of value: {@code "number"}, {@code "tensor"}, {@code "string"},
     * {@code "boolean"}, {@code "list"}, {@code "function"}, {@code "layer"}, {@code "run"}, ...
     */
    public String kind() {
        return kind;
    }

    /** True for a number. */
    public boolean isNumber() {
        return data instanceof Double;
    }

    /** True for a tensor. */
    public boolean isTensor() {
        return data instanceof DMatrixRMaj;
    }

    /** True for a string. */
    public boolean isString() {
        return data instanceof String;
    }

    /** True for a boolean. */
    public boolean isBoolean() {
        return data instanceof Boolean;
    }

    /** True for a list. */
    public boolean isList() {
        return "list".equals(kind) && handle == null;
    }

    /**
     * The number; a 1×1 tensor counts as a number.
     *
     * @throws MlpError when the value is neither
     */
    public double asDouble() {
        if (data instanceof Double d) return d;
        if (data instanceof DMatrixRMaj m && m.getNumElements() == 1) return m.data[0];
        throw wrongKind("a number");
    }

    /**
     * The tensor as rows of doubles (a new array every call); a number counts as a 1×1 tensor.
     *
     * @throws MlpError when the value is neither
     */
    public double[][] asArray() {
        DMatrixRMaj m = matrix();
        double[][] rows = new double[m.numRows][m.numCols];
        for (int r = 0; r < m.numRows; r++) System.arraycopy(m.data, r * m.numCols, rows[r], 0, m.numCols);
        return rows;
    }

    /**
     * The tensor as an EJML matrix (a new copy every call); a number counts as a 1×1 tensor.
     *
     * @throws MlpError when the value is neither
     */
    public DMatrixRMaj asMatrix() {
        return matrix().copy();
    }

    private DMatrixRMaj matrix() {
        if (data instanceof DMatrixRMaj m) return m;
        if (data instanceof Double d) return new DMatrixRMaj(new double[][]{{d}});
        throw wrongKind("a tensor");
    }

    /**
     * The string.
     *
     * @throws MlpError when the value is not a string
     */
    public String asString() {
        if (data instanceof String s) return s;
        throw wrongKind("a string");
    }

    /**
     * The boolean.
     *
     * @throws MlpError when the value is not a boolean
     */
    public boolean asBoolean() {
        if (data instanceof Boolean b) return b;
        throw wrongKind("true or false");
    }

    /**
     * The items of a list (unmodifiable), e.g. of {@code split(X, y, 0.8)}.
     *
     * @throws MlpError when the value is not a list
     */
    @SuppressWarnings("unchecked")
    public List<MlpValue> asList() {
        if (isList()) return (List<MlpValue>) data;
        throw wrongKind("a list");
    }

    /**
     * The plain Java form, as the JSR-223 engine hands values out: a {@code Double}, a
     * {@code double[][]}, a {@code String}, a {@code Boolean}, a {@code List<Object>} of such,
     * or this value itself for the kinds that are handles (layers, runs, functions).
     */
    public Object toJava() {
        if (data instanceof DMatrixRMaj) return asArray();
        if (isList()) {
            List<Object> items = new ArrayList<>();
            for (MlpValue item : asList()) items.add(item.toJava());
            return items;
        }
        return handle != null ? this : data;
    }

    private MlpError wrongKind(String wanted) {
        return new MlpError("the value is " + article(kind) + ", not " + wanted);
    }

    private static String article(String kind) {
        return (kind.matches("^[aeiou].*") ? "an " : "a ") + kind;
    }

    /** How the REPL would show the value: tensors like NumPy arrays, strings in quotes. */
    /**
     * For a layer or model: its summary table's rows (header, one row per layer with its output
     * shape and parameter count, the total), as {@code summary} prints them; null for other kinds.
     */
    public List<List<String>> summaryRows() {
        if (!(handle instanceof mlp.nn.Layer layer)) return null;
        return mlp.nn.Summary.rows(layer).stream().map(List::of).toList();
    }

    @Override
    public String toString() {
        if (handle != null) return text;
        if (data instanceof DMatrixRMaj m) return Format.tensor(m);
        if (data instanceof Double d) return Format.number(d);
        if (data instanceof String s) return Format.repr(new Str(s));
        if (data instanceof Boolean b) return b.toString();
        StringBuilder out = new StringBuilder("[");
        List<MlpValue> items = asList();
        for (int i = 0; i < items.size(); i++) out.append(i > 0 ? ", " : "").append(items.get(i));
        return out.append(']').toString();
    }
}
