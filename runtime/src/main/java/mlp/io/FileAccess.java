package mlp.io;

import mlp.MlpError;
import mlp.io.Settings;

import java.nio.file.Files;
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
        // a symbolic link inside the folder may lead out of it: where it really leads counts
        Path real = real(path);
        if (!real.startsWith(real(root)))
            throw new MlpError("file access outside " + root + " is not allowed: " + name + " leads to " + real);
        return path;
    }

    /** The path with every symbolic link in its existing part followed. */
    private static Path real(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return path;
        try {
            return existing.toRealPath().resolve(existing.relativize(path)).normalize();
        } catch (java.io.IOException | SecurityException e) {
            return path;
        }
    }
}
