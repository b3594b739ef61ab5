package mlp.io;

import mlp.value.Value;

import java.nio.file.Path;

/** A value that {@code save(value, path)} cannot write as one CSV file (a distributed tensor writes a folder of parts). */
public interface SavesItself extends Value {
    /** Writes the value at the path (already through the file-access policy); errors are plain MlpErrors. */
    void saveTo(Path path);
}
