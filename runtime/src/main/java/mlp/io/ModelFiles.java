package mlp.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mlp.MlpError;
import mlp.nn.Layer;
import mlp.nn.LayerKinds;
import mlp.nn.LayerReader;
import mlp.nn.LayerWriter;
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
        AtomicFiles.write(path, form(layer));
    }

    /** The model's file contents, made before any file is touched: what a model cannot hold fails here. */
    public static AtomicFiles.Writer form(Layer layer) {
        if (!layer.resolved())
            throw new MlpError("cannot save " + layer.describe() + " yet: its input width is not known (apply it to data or train it first)");
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.set("model", write(layer));
        return out -> JSON.writeValue(out, root);
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

    // ---- writing: each layer writes its own fields ----

    private static ObjectNode write(Layer l) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", l.type());
        l.write(new LayerWriter() {
            @Override
            public void integer(String name, int value) {
                o.put(name, value);
            }

            @Override
            public void number(String name, double value) {
                o.set(name, ModelFiles.number(value));
            }

            @Override
            public void bool(String name, boolean value) {
                o.put(name, value);
            }

            @Override
            public void matrix(String name, DMatrixRMaj m) {
                o.set(name, ModelFiles.matrix(m));
            }

            @Override
            public void row(String name, DMatrixRMaj m) {
                o.set(name, ModelFiles.row(m));
            }

            @Override
            public void layer(String name, Layer layer) {
                o.set(name, write(layer));
            }

            @Override
            public void layers(String name, List<Layer> layers) {
                ArrayNode a = o.putArray(name);
                for (Layer c : layers) a.add(write(c));
            }
        });
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

    /**
     * A deep copy of a model: new parameters with the same values (and running statistics), so
     * that training the copy leaves the original alone. Function layers have no state and are
     * shared. Goes through the model file's own form, so a copy is exactly what save and load give.
     */
    public static Layer copy(Layer l) {
        if (l instanceof mlp.nn.FunctionLayer) return l;
        if (l instanceof mlp.nn.Stack s) {
            List<Layer> parts = new ArrayList<>();
            for (Layer part : s.layers()) parts.add(copy(part));
            return new mlp.nn.Stack(parts);
        }
        if (!l.resolved()) throw new MlpError("cannot copy " + l.describe() + " yet: its input width is not known (apply it to data first)");
        return read(write(l), "copy");
    }

    private static final class Bad extends RuntimeException {
        Bad(String message) {
            super(message, null, false, false);
        }
    }

    private static Layer read(JsonNode o, String where) {
        if (!o.isObject()) throw new Bad(where + " is not a layer object");
        String type = o.path("type").asText("");
        var reader = LayerKinds.reader(type);
        if (reader == null) throw new Bad(where + " has an unknown layer type '" + type + "'");
        return reader.apply(new LayerReader() {
            @Override
            public boolean has(String name) {
                return o.has(name);
            }

            @Override
            public int width(String name) {
                return ModelFiles.width(o, name, where);
            }

            @Override
            public double number(String name) {
                return value(o.path(name), where + "." + name);
            }

            @Override
            public boolean bool(String name, boolean otherwise) {
                return o.path(name).asBoolean(otherwise);
            }

            @Override
            public void matrix(String name, DMatrixRMaj into) {
                fill(into, o.path(name), where + "." + name, true);
            }

            @Override
            public void row(String name, DMatrixRMaj into) {
                fill(into, o.path(name), where + "." + name, false);
            }

            @Override
            public Layer layer(String name) {
                return read(o.path(name), where + "." + name);
            }

            @Override
            public List<Layer> layers(String name) {
                JsonNode arr = o.path(name);
                if (!arr.isArray() || arr.isEmpty()) throw new Bad(where + "." + name + " must be a non-empty list");
                List<Layer> layers = new ArrayList<>();
                for (int i = 0; i < arr.size(); i++) layers.add(read(arr.get(i), where + "." + name + "[" + i + "]"));
                return layers;
            }

            @Override
            public RuntimeException bad(String message) {
                return new Bad(where + message);
            }
        });
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
