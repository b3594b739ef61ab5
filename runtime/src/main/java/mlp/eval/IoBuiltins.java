package mlp.eval;

import mlp.io.Settings;
import mlp.io.FileAccess;
import mlp.io.CsvFiles;
import mlp.MlpError;
import mlp.io.AtomicFiles;
import mlp.io.onnx.OnnxFiles;
import mlp.nn.Layer;
import mlp.io.ModelFiles;
import mlp.io.SavesItself;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** load and save: numeric CSV files, and models as JSON (mlp.io.ModelFiles). */
public final class IoBuiltins implements Builtins.Module {
    // the signatures, and a handle for each parameter the bodies read: checked when this class initialises (see Param)
    private static final Signature LOAD = Signature.of("load(file)");
    private static final Signature SAVE = Signature.of("save(value, file, precision=)");
    private static final Param FILE = Param.of("file", LOAD, SAVE);
    private static final Param PRECISION = Param.of("precision", SAVE);
    private static final Param VALUE = Param.of("value", SAVE);

    @Override
    public void register(Builtins b) {
        b.function("Files", LOAD,
                "Reads a file: a numeric CSV gives a tensor, a .json or .onnx file gives a model.\n"
                        + "An .onnx file may be written by mlp or exported by PyTorch (torch.onnx.export).\n"
                        + "The CSV may start with a header row (names, or scikit-learn's counts and class names),\n"
                        + "may quote cells and end lines with \\r\\n; every other cell must be a number\n"
                        + "(nan and inf too) and every row as long as the others.\n"
                        + "Example: data = load(\"data/iris.csv\")",
                IoBuiltins::load);
        b.function("Files", SAVE,
                "Writes a tensor to a CSV file, or a model to a .json or an .onnx file.\n"
                        + "Every number is written exactly: load reads back the same tensor. A model keeps its\n"
                        + "weights and running statistics. The file is replaced in one step, never left half-written.\n"
                        + "An .onnx file (IR 8, opset 17, input X, output Y) runs in ONNX Runtime; its numbers are\n"
                        + "float64 (precision=64, the default), or float32 with precision=32.\n"
                        + "Example: save(model, \"model.json\"); save(model, \"model.onnx\", precision=32)",
                IoBuiltins::save);
    }

    private static Value load(Args a) {
        String name = a.string(FILE);
        Path path = resolve(a, name);
        if (Files.isDirectory(path)) throw a.error(FILE, a.sig() + ": " + name + " is a folder, not a file");
        if (!Files.exists(path)) throw a.error(FILE, a.sig() + ": no such file: " + name + nearby(path, name));
        // a pipe would block for ever, a device (/dev/zero) never end: only ordinary files are read
        if (!Files.isRegularFile(path)) throw a.error(FILE, a.sig() + ": " + name + " is not an ordinary file (a device or a pipe?)");
        if (isJson(name) || OnnxFiles.isOnnx(name)) {
            try {
                return isJson(name) ? ModelFiles.load(path) : OnnxFiles.load(path);
            } catch (MlpError e) {
                if (e.pos() != null) throw e;
                throw a.error(FILE, a.sig() + ": " + e.plainMessage());
            }
        }
        String text;
        try {
            text = readText(path);
        } catch (CharacterCodingException e) {
            throw a.error(FILE, a.sig() + ": " + name + " is not a text file (UTF-8)");
        } catch (AccessDeniedException e) {
            throw a.error(FILE, a.sig() + ": cannot read " + name + ": permission denied");
        } catch (IOException e) {
            throw a.error(FILE, a.sig() + ": cannot read " + name + ": " + e.getMessage());
        }
        try {
            return new Tensor(CsvFiles.read(text, name));
        } catch (MlpError e) {
            if (e.pos() != null) throw e;
            throw a.error(FILE, a.sig() + ": " + e.plainMessage());
        }
    }

    private static Value save(Args a) {
        Value v = a.get(VALUE);
        String name = a.string(FILE);
        Path path = resolve(a, name);
        if (v instanceof SavesItself s) { // a distributed tensor: a folder of parts
            try {
                s.saveTo(path);
                return null;
            } catch (MlpError e) {
                throw e.pos() != null ? e : a.error(FILE, a.sig() + ": " + e.plainMessage());
            }
        }
        if (Files.isDirectory(path)) throw a.error(FILE, a.sig() + ": " + name + " is a folder, not a file");
        int precision = precision(a);
        try {
            if (v instanceof Layer model) {
                boolean onnx = OnnxFiles.isOnnx(name);
                if (!onnx && a.has(PRECISION))
                    throw a.error(PRECISION, a.sig() + ": precision= is for .onnx files");
                AtomicFiles.Writer form;
                try { // what the model cannot be written as is the model's problem; what the file cannot take, the file's
                    form = onnx ? OnnxFiles.form(model, precision == 32) : ModelFiles.form(model);
                } catch (MlpError e) {
                    throw e.pos() != null ? e : a.error(VALUE, a.sig() + ": " + e.plainMessage());
                }
                AtomicFiles.write(path, form);
                return null;
            }
            if (a.has(PRECISION))
                throw a.error(PRECISION, a.sig() + ": precision= is for .onnx files");
            if (!(v instanceof Tensor || v instanceof Num))
                throw a.error(VALUE, a.sig() + ": value must be a tensor (saved as CSV) or a model (saved as JSON or ONNX), not "
                        + Interpreter.describe(v));
            if (isJson(name) || OnnxFiles.isOnnx(name))
                throw a.error(FILE, a.sig() + ": a tensor is saved as CSV; name the file .csv (" + (isJson(name) ? ".json" : ".onnx") + " is for models)");
            org.ejml.data.DMatrixRMaj data = a.tensor(VALUE).data();
            if (data.numRows == 0 || data.numCols == 0) // the file could not be loaded back
                throw a.error(VALUE, a.sig() + ": the tensor is empty (" + data.numRows + "×" + data.numCols
                        + "); a CSV file of no rows could not be loaded back");
            CsvFiles.write(data, path);
            return null;
        } catch (MlpError e) {
            if (e.pos() != null) throw e;
            throw a.error(FILE, a.sig() + ": " + e.plainMessage());
        }
    }

    /** precision=64 (float64, the default) or 32 (float32), for ONNX files. */
    private static int precision(Args a) {
        if (!a.has(PRECISION)) return 64;
        double p = a.number(PRECISION);
        if (p != 32 && p != 64) throw a.error(PRECISION, a.sig() + ": precision must be 64 (float64) or 32 (float32), not " + mlp.value.Format.number(p));
        return (int) p;
    }

    /** The path of a file argument, through the file-access policy; its errors point at the argument. */
    private static Path resolve(Args a, String name) {
        if (name.isBlank()) throw a.error(FILE, a.sig() + ": the file name is empty");
        try {
            return FileAccess.resolve(a.interpreter().settings(), name);
        } catch (MlpError e) {
            throw a.error(FILE, a.sig() + ": " + e.plainMessage());
        }
    }

    private static boolean isJson(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private static String readText(Path path) throws IOException {
        return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
    }

    /** " — did you mean 'iris.csv'?" when a file of a near name is in the same folder. */
    private static String nearby(Path path, String name) {
        Path dir = path.getParent();
        if (dir != null && Files.isRegularFile(dir)) return " (" + dir + " is a file, not a folder)";
        if (dir == null || !Files.isDirectory(dir)) return dir == null ? "" : " (there is no folder " + dir + ")";
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.limit(10_000).map(p -> p.getFileName().toString()).toList();
        } catch (IOException | RuntimeException e) {
            return "";
        }
        String near = Suggest.nearest(path.getFileName().toString(), names);
        if (near == null) return "";
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return " — did you mean '" + name.substring(0, slash + 1) + near + "'?";
    }
}
