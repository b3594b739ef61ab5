package mlp.spark;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bad row found by an executor: the file, the byte offset of its line (an executor reading
 * the middle of a file does not know the line's number) and what is wrong. The driver turns it
 * into load's message, {@code data/b.csv line 7, column 3: ...}, counting the lines itself.
 */
final class CsvProblem extends RuntimeException {
    final String file;
    final long offset;
    final int column; // 1-based; 0 when the whole row is wrong
    final String why;

    CsvProblem(String file, long offset, int column, String why) {
        super(file + " at byte " + offset + ": " + why);
        this.file = file;
        this.offset = offset;
        this.column = column;
        this.why = why;
    }

    /** The message as load gives it for one file. */
    String describe(Path workingDir) {
        long line = lineAt();
        String where = line > 0 ? " line " + line : " at byte " + offset;
        return shown(file, workingDir) + where + (column > 0 ? ", column " + column : "") + (column > 0 ? ": " : " ") + why;
    }

    /** The file as the user would name it: relative to the script's working folder when it lies inside. */
    static String shown(String file, Path cwd) {
        try {
            Path p = Path.of(URI.create(file));
            return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
        } catch (RuntimeException e) {
            return file;
        }
    }

    /** The line number of the offset, counted on the driver (a local file only; else 0). */
    private long lineAt() {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(URI.create(file))))) {
            long line = 1;
            for (long i = 0; i < offset; i++) {
                int c = in.read();
                if (c < 0) return 0;
                if (c == '\n') line++;
            }
            return line;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
