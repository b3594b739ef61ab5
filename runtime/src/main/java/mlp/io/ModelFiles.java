package mlp.io;

import mlp.nn.Residual;
import mlp.nn.Param;
import mlp.nn.Linear;
import mlp.nn.Init;
import mlp.nn.Dropout;
import mlp.nn.BatchNorm;
import mlp.nn.Activation;
import mlp.nn.Stack;
import mlp.nn.Layer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mlp.MlpError;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Models as JSON files: architecture, weights and running statistics. {@code save(model, "m.json")}
 * and {@code load("m.json")} (in mlp.eval.IoBuiltins) come here. A file looks like
 * <pre>
 * {"format": "mlp-model", "version": 1,
 *  "model": {"type": "stack", "layers": [
 *     {"type": "linear", "in": 2, "out": 2, "weight": [[1.0, 0.0], [0.0, 1.0]], "bias": [0.0, 0.0]},
 *     {"type": "relu"}, ...]}}
 * </pre>
 * Numbers are written with every digit (a loaded model predicts exactly as the saved one);
 * nan and infinities as the strings "NaN", "Infinity", "-Infinity". Anything else in a file
 * (another program's JSON, a truncated write, a wrong shape) is a clear error, not a half model.
 */
public final class ModelFiles {
    public static final String FORMAT = "mlp-model";
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFiles() {
    }

    /** True when the value is something {@link #save} can write (a layer or a stack). */
    public static boolean isModel(Value v) {
        return v instanceof Layer;
    }

    /** Writes the model atomically (see mlp.io.AtomicFiles). */
    public static void save(Value model, Path path) {
        if (!(model instanceof Layer layer)) throw new MlpError("only a model (a layer or a stack of layers) can be saved as a model file");
        if (!layer.resolved())
            throw new MlpError("cannot save " + layer.describe() + " yet: its input width is not known (apply it to data or train it first)");
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.set("model", write(layer));
        AtomicFiles.write(path, out -> JSON.writeValue(out, root));
    }

    /** The model file's text, for a model sent elsewhere (a cluster's executors rebuild it with {@link #fromJson}). */
    public static String toJson(Layer layer) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.set("model", write(layer));
        return root.toString();
    }

    /** The model of a text written by {@link #toJson}. */
    public static Layer fromJson(String text) {
        try {
            return read(JSON.readTree(text).path("model"), "model");
        } catch (JsonProcessingException | Bad e) {
            throw new MlpError("not a model: " + e.getMessage());
        }
    }

    /** Reads a model written by {@link #save}; a corrupted or foreign file is a clear error. */
    public static Value load(Path path) {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw new MlpError("cannot read " + name + ": no such file");
        } catch (JsonProcessingException e) {
            throw new MlpError(name + " is not a model file: it is not valid JSON (" + jsonProblem(e) + ")");
        } catch (IOException e) {
            throw new MlpError("cannot read " + name + ": " + e.getMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null)))
            throw new MlpError(name + " is not an mlp model file (it has no \"format\": \"" + FORMAT + "\")");
        int version = root.path("version").asInt(-1);
        if (version != VERSION)
            throw new MlpError(name + " is a model file of version " + root.path("version") + ", which this mlp cannot read (it reads version " + VERSION + ")");
        try {
            return read(root.path("model"), "model");
        } catch (Bad e) {
            throw new MlpError(name + " is not a valid model file: " + e.getMessage());
        }
    }

    /**
     * Jackson's complaint in words for a user: its first clause, without the Java details it
     * appends (source descriptions, feature names), and where in the file.
     */
    private static String jsonProblem(JsonProcessingException e) {
        String why = String.valueOf(e.getOriginalMessage()).replaceAll(",? from `[^`]*`", "");
        for (String cut : new String[]{"\n", " (start marker", " (for ", ": was expecting", " at [Source"}) {
            int at = why.indexOf(cut);
            if (at > 0) why = why.substring(0, at);
        }
        if (why.length() > 120) why = why.substring(0, 120) + "...";
        var where = e.getLocation();
        return why + (where == null || where.getLineNr() < 1 ? "" : ", at line " + where.getLineNr() + ", column " + where.getColumnNr());
    }

    // ---- writing ----

    private static ObjectNode write(Layer l) {
        ObjectNode o = JSON.createObjectNode();
        if (l instanceof Stack s) {
            o.put("type", "stack");
            ArrayNode layers = o.putArray("layers");
            for (Layer c : s.layers()) layers.add(write(c));
        } else if (l instanceof Linear lin) {
            o.put("type", "linear");
            o.put("in", lin.in());
            o.put("out", lin.out());
            o.set("weight", matrix(lin.weight().value));
            if (lin.hasBias()) o.set("bias", row(lin.bias().value));
        } else if (l instanceof Activation a) {
            o.put("type", a.name());
            if (a.activation() == Activation.Kind.LEAKY_RELU) o.set("slope", number(a.slope()));
        } else if (l instanceof Residual r) {
            o.put("type", "residual");
            o.put("block", r.isBlock());
            o.set("inner", write(r.inner()));
        } else if (l instanceof BatchNorm bn) {
            o.put("type", "batchnorm");
            o.put("width", bn.width());
            o.set("momentum", number(bn.momentum()));
            o.set("eps", number(bn.eps()));
            o.set("weight", row(bn.weight().value));
            o.set("bias", row(bn.bias().value));
            o.set("running_mean", row(bn.runningMean()));
            o.set("running_var", row(bn.runningVar()));
        } else if (l instanceof Dropout d) {
            o.put("type", "dropout");
            o.set("p", number(d.p()));
        } else {
            throw new MlpError("cannot save a layer of type " + l.describe());
        }
        return o;
    }

    private static JsonNode number(double v) {
        if (Double.isFinite(v)) return JSON.getNodeFactory().numberNode(v);
        return JSON.getNodeFactory().textNode(Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
    }

    private static ArrayNode row(DMatrixRMaj m) {
        ArrayNode a = JSON.createArrayNode();
        for (int i = 0; i < m.getNumElements(); i++) a.add(number(m.data[i]));
        return a;
    }

    private static ArrayNode matrix(DMatrixRMaj m) {
        ArrayNode a = JSON.createArrayNode();
        for (int r = 0; r < m.numRows; r++) {
            ArrayNode row = a.addArray();
            for (int c = 0; c < m.numCols; c++) row.add(number(m.unsafe_get(r, c)));
        }
        return a;
    }

    // ---- reading: every field checked, errors say where ----

    private static final class Bad extends RuntimeException {
        Bad(String message) {
            super(message, null, false, false);
        }
    }

    private static Layer read(JsonNode o, String where) {
        if (!o.isObject()) throw new Bad(where + " is not a layer object");
        String type = o.path("type").asText("");
        return switch (type) {
            case "stack" -> {
                JsonNode arr = o.path("layers");
                if (!arr.isArray() || arr.isEmpty()) throw new Bad(where + ".layers must be a non-empty list");
                List<Layer> layers = new ArrayList<>();
                for (int i = 0; i < arr.size(); i++) layers.add(read(arr.get(i), where + ".layers[" + i + "]"));
                Stack s = new Stack(layers);
                checkChain(s, where);
                yield s;
            }
            case "linear" -> {
                int in = width(o, "in", where), out = width(o, "out", where);
                boolean hasBias = o.has("bias");
                Linear lin = new Linear(in, out, hasBias, Init.ZEROS, null);
                fill(lin.weight().value, o.path("weight"), where + ".weight", true);
                if (hasBias) fill(lin.bias().value, o.path("bias"), where + ".bias", false);
                yield lin;
            }
            case "relu" -> Activation.RELU;
            case "sigmoid" -> Activation.SIGMOID;
            case "tanh" -> Activation.TANH;
            case "softmax" -> Activation.SOFTMAX;
            case "identity" -> Activation.IDENTITY;
            case "leaky_relu" -> Activation.leaky(value(o.path("slope"), where + ".slope"));
            case "residual" -> {
                Layer inner = read(o.path("inner"), where + ".inner");
                Residual r;
                if (o.path("block").asBoolean(false)) {
                    if (!(inner instanceof Stack s) || s.layers().size() != 3 || !(s.layers().get(0) instanceof Linear a)
                            || s.layers().get(1) != Activation.RELU || !(s.layers().get(2) instanceof Linear))
                        throw new Bad(where + " is a residual block, but its inner layers are not linear, relu, linear");
                    r = Residual.block(a.in(), Init.ZEROS, null);
                    copyParams(inner, r.inner());
                } else {
                    try {
                        r = Residual.around(inner);
                    } catch (MlpError e) {
                        throw new Bad(where + ": " + e.plainMessage());
                    }
                }
                yield r;
            }
            case "batchnorm" -> {
                int width = width(o, "width", where);
                double momentum = value(o.path("momentum"), where + ".momentum"), eps = value(o.path("eps"), where + ".eps");
                BatchNorm bn = new BatchNorm(width, momentum, eps);
                fill(bn.weight().value, o.path("weight"), where + ".weight", false);
                fill(bn.bias().value, o.path("bias"), where + ".bias", false);
                fill(bn.runningMean(), o.path("running_mean"), where + ".running_mean", false);
                fill(bn.runningVar(), o.path("running_var"), where + ".running_var", false);
                yield bn;
            }
            case "dropout" -> {
                double p = value(o.path("p"), where + ".p");
                if (!(p >= 0 && p <= 1)) throw new Bad(where + ".p must be between 0 and 1");
                yield new Dropout(p);
            }
            default -> throw new Bad(where + " has an unknown layer type '" + type + "'");
        };
    }

    /** The widths of a loaded stack must fit together, as they did when it was saved. */
    private static void checkChain(Stack s, String where) {
        int w = -1;
        for (int i = 0; i < s.layers().size(); i++) {
            Layer l = s.layers().get(i);
            if (w >= 0 && l.inWidth() >= 0 && l.inWidth() != w)
                throw new Bad(where + ".layers[" + i + "] (" + l.describe() + ") does not fit the layer before it, which gives " + w);
            w = l.outWidth(w);
        }
    }

    private static void copyParams(Layer from, Layer to) {
        List<Param> a = from.params(), b = to.params();
        for (int i = 0; i < a.size(); i++) System.arraycopy(a.get(i).value.data, 0, b.get(i).value.data, 0, a.get(i).size());
    }

    private static int width(JsonNode o, String field, String where) {
        JsonNode n = o.path(field);
        if (!n.isIntegralNumber() || n.asLong() < 1 || n.asLong() > 100_000_000)
            throw new Bad(where + "." + field + " must be a whole number of at least 1");
        return n.asInt();
    }

    private static double value(JsonNode n, String where) {
        if (n.isNumber()) return n.asDouble();
        if (n.isTextual()) {
            switch (n.asText()) {
                case "NaN" -> {
                    return Double.NaN;
                }
                case "Infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {
                }
            }
        }
        throw new Bad(where + " must be a number");
    }

    /** Fills m from a JSON list of rows (a matrix) or a flat list (a 1×c row), checking the shape. */
    private static void fill(DMatrixRMaj m, JsonNode n, String where, boolean matrix) {
        if (!n.isArray()) throw new Bad(where + " is missing or not a list");
        if (matrix) {
            if (n.size() != m.numRows) throw new Bad(where + " must have " + m.numRows + " rows, not " + n.size());
            for (int r = 0; r < m.numRows; r++) {
                JsonNode row = n.get(r);
                if (!row.isArray() || row.size() != m.numCols)
                    throw new Bad(where + "[" + r + "] must be a list of " + m.numCols + " numbers");
                for (int c = 0; c < m.numCols; c++) m.unsafe_set(r, c, value(row.get(c), where + "[" + r + "][" + c + "]"));
            }
        } else {
            if (n.size() != m.getNumElements()) throw new Bad(where + " must have " + m.getNumElements() + " numbers, not " + n.size());
            for (int i = 0; i < m.getNumElements(); i++) m.data[i] = value(n.get(i), where + "[" + i + "]");
        }
    }
}
