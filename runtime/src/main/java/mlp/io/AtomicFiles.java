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

    /** Temporary files this old are left over from a process that died mid-write, and are removed. */
    static final java.time.Duration STALE = java.time.Duration.ofHours(1);

    public static void write(Path target, Writer writer) {
        target = realTarget(target);
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            if (dir != null) Files.createDirectories(dir);
            tmp = createTemporary(dir, target);
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
                writer.write(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            removeStale(dir, target);
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
        } catch (OutOfMemoryError e) { // the old file is still there, whole
            throw new MlpError("cannot write " + target + ": out of memory");
        } finally {
            if (tmp != null) try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temporary file is hidden and harmless; nothing more to do
            }
        }
    }

    /**
     * A new hidden file beside the target, with the permissions the file would have if written
     * directly: the old file's when there is one, else what the umask gives a new file
     * (Files.createTempFile would make it readable by its owner only).
     */
    private static Path createTemporary(Path dir, Path target) throws IOException {
        java.util.Random random = new java.util.Random();
        while (true) {
            Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(random.nextLong(), 36) + ".tmp");
            try {
                Files.createFile(tmp);
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                continue;
            }
            try {
                if (Files.isRegularFile(target)) Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            } catch (UnsupportedOperationException | IOException notPosix) {
                // not a POSIX file system, or the old file cannot be read: the new file keeps its defaults
            }
            return tmp;
        }
    }

    /**
     * Where to write: through a symbolic link to the file it names (replacing the link itself
     * would cut it), and never over something that is not an ordinary file (a device, a pipe).
     */
    private static Path realTarget(Path target) {
        try {
            if (Files.isSymbolicLink(target) && Files.exists(target)) target = target.toRealPath();
        } catch (IOException e) {
            throw new MlpError("cannot write " + target + ": " + e.getMessage());
        }
        if (Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target))
            throw new MlpError("cannot write " + target + ": it is not an ordinary file (a device or a pipe?)");
        return target;
    }

    /**
     * Removes the hidden temporary files of this target that a process killed mid-write left
     * behind, once they are older than {@link #STALE} (a younger one may be another process's
     * write in progress).
     */
    private static void removeStale(Path dir, Path target) {
        if (dir == null) return;
        String prefix = "." + target.getFileName() + ".";
        long before = System.currentTimeMillis() - STALE.toMillis();
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(".tmp") && n.length() > prefix.length() + 4;
            }).forEach(p -> {
                try {
                    if (Files.getLastModifiedTime(p).toMillis() < before) Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // another process removed it, or it cannot be removed: either way nothing to do
                }
            });
        } catch (IOException | RuntimeException ignored) {
            // cleaning up is a courtesy: the file itself was written
        }
    }
}
