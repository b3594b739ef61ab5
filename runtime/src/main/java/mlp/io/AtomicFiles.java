package mlp.io;

import mlp.MlpError;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that it is never seen half-written: into a temporary file in the same
 * folder, then moved over the target in one step. A crash mid-write leaves the old file intact.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            if (dir != null) Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
                writer.write(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (java.nio.file.AccessDeniedException e) {
            throw new MlpError("cannot write " + target + ": permission denied");
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new MlpError("cannot write " + target + ": " + e.getFile() + " is a file, not a folder");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new MlpError("cannot write " + target + ": files cannot be created in " + dir);
        } catch (java.nio.file.FileSystemException e) {
            throw new MlpError("cannot write " + target + ": " + (e.getReason() != null ? e.getReason() : e.getMessage()));
        } catch (IOException e) {
            throw new MlpError("cannot write " + target + ": " + e.getMessage());
        } finally {
            if (tmp != null) try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temporary file is hidden and harmless; nothing more to do
            }
        }
    }
}
