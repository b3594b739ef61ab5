package mlp.nn;

import mlp.MlpError;
import mlp.value.Value;

import java.nio.file.Path;

/**
 * Models as JSON files: architecture, weights and running statistics. {@code save(model, "m.json")}
 * and {@code load("m.json")} (in mlp.io.IoBuiltins) come here.
 */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** True when the value is something {@link #save} can write (a layer or a stack). */
    public static boolean isModel(Value v) {
        return false;
    }

    /** Writes the model atomically (see mlp.io.AtomicFiles). */
    public static void save(Value model, Path path) {
        throw new MlpError("saving models is not implemented yet");
    }

    /** Reads a model written by {@link #save}; a corrupted or foreign file is a clear error. */
    public static Value load(Path path) {
        throw new MlpError("loading models is not implemented yet");
    }
}
