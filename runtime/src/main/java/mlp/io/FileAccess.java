package mlp.io;

import mlp.MlpError;
import mlp.eval.Settings;

import java.nio.file.Path;

/**
 * The file-access policy: every file a script names goes through {@link #resolve}. Relative names
 * are resolved against the settings' working folder; nothing outside the granted root is touched,
 * and with no root (an embedded interpreter's default) no file at all.
 */
public final class FileAccess {
    private FileAccess() {
    }

    /** The path a script's file name refers to, or a clear error when it may not be touched. */
    public static Path resolve(Settings settings, String name) {
        Path root = settings.fileRoot();
        if (root == null)
            throw new MlpError("file access is not allowed here (the host program has not granted a folder): " + name);
        Path path;
        try {
            path = settings.workingDir().resolve(name).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new MlpError("not a valid file name: " + name);
        }
        if (!path.startsWith(root))
            throw new MlpError("file access outside " + root + " is not allowed: " + name);
        return path;
    }
}
