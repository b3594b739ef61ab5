package mlp.io.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import mlp.MlpError;
import mlp.io.AtomicFiles;
import mlp.io.onnx.proto.Onnx.ModelProto;
import mlp.nn.Layer;
import mlp.value.Value;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code save(model, "m.onnx")} and {@code load("m.onnx")}: models as ONNX files (IR 8, opset 17;
 * float64, or float32 with {@code precision=32}), written atomically. The classes that read and
 * write them are generated from ONNX's own onnx.proto (src/main/proto/onnx).
 */
public final class OnnxFiles {
    /** The largest file read: a model of 100 million float64 numbers and its graph. */
    static final long MAX_BYTES = 1L << 30;

    private OnnxFiles() {
    }

    public static boolean isOnnx(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(".onnx");
    }

    /** The model as an ONNX model (float32 numbers when {@code float32}). */
    public static ModelProto toOnnx(Layer model, boolean float32) {
        if (!model.resolved())
            throw new MlpError("cannot save " + model.describe() + " yet: its input width is not known (apply it to data or train it first)");
        OnnxBuilder b = new OnnxBuilder(float32);
        int in = model.inWidth();
        b.knownWidth(OnnxBuilder.INPUT, in);
        String y = b.layer(model, OnnxBuilder.INPUT);
        return b.finish(y, in, in < 0 ? -1 : model.outWidth(in), "written by mlp: " + model.describe());
    }

    /** Writes the model atomically. */
    public static void save(Value model, Path path, boolean float32) {
        if (!(model instanceof Layer layer))
            throw new MlpError("only a model (a layer or a stack of layers) can be saved as ONNX");
        AtomicFiles.write(path, form(layer, float32));
    }

    /** The model's file contents, made before any file is touched: a layer ONNX cannot hold fails here. */
    public static AtomicFiles.Writer form(Layer model, boolean float32) {
        return toOnnx(model, float32)::writeTo;
    }

    /** Reads a model; a file that is not one mlp can read is a clear error naming the file. */
    public static Layer load(Path path) {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        ModelProto model;
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES)
                throw new MlpError(name + " is too large to read (" + size + " bytes; mlp reads ONNX files up to " + MAX_BYTES + ")");
            byte[] bytes = Files.readAllBytes(path);
            try {
                model = parse(bytes);
            } catch (InvalidProtocolBufferException e) {
                if (looksLikeText(bytes))
                    throw new MlpError(name + " is not an ONNX file: it is text, and ONNX files are binary (protocol buffers)");
                throw e;
            }
        } catch (NoSuchFileException e) {
            throw new MlpError("cannot read " + name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new MlpError("cannot read " + name + ": permission denied");
        } catch (InvalidProtocolBufferException e) {
            throw new MlpError(name + " is not an ONNX file: " + protobufProblem(e));
        } catch (IOException e) {
            throw new MlpError("cannot read " + name + ": " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw new MlpError("cannot read " + name + ": out of memory");
        }
        try {
            return OnnxReader.read(model);
        } catch (MlpError e) {
            throw new MlpError(name + " cannot be read as an mlp model: " + e.plainMessage());
        } catch (OutOfMemoryError e) {
            throw new MlpError("cannot read " + name + ": out of memory");
        }
    }

    static ModelProto parse(byte[] bytes) throws InvalidProtocolBufferException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.setRecursionLimit(64);
        try {
            return ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) { // reading from an array: only a malformed message gets here
            throw new InvalidProtocolBufferException(e.getMessage());
        }
    }

    private static boolean looksLikeText(byte[] bytes) {
        int n = Math.min(bytes.length, 256);
        if (n == 0) return false;
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xff;
            if (b < 0x09 || (b > 0x0d && b < 0x20) || b == 0x7f) return false;
        }
        return true;
    }

    /** Protobuf's complaint in words for a user. */
    private static String protobufProblem(InvalidProtocolBufferException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("ended unexpectedly") || m.contains("truncated")) return "it ends in the middle of a field (cut short?)";
        if (m.contains("invalid tag") || m.contains("invalid wire type") || m.contains("malformed"))
            return "its bytes are not a protocol buffer (corrupt, or another kind of file)";
        if (m.contains("negative size")) return "a field claims a negative length (corrupt)";
        if (m.contains("too many levels of nesting")) return "it nests graphs too deeply";
        if (m.contains("invalid UTF-8")) return "a name in it is not valid UTF-8 (corrupt)";
        return "it is corrupt (" + clip(m) + ")";
    }

    /** A name from a file, short enough for a message. */
    static String clip(String s) {
        s = s.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
