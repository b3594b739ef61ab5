package mlp.jupyter;

import java.io.Writer;
import java.util.function.Supplier;

/** What the interpreter prints, into the running cell's stdout; text printed between cells is dropped. */
final class CellWriter extends Writer {
    private final Supplier<Cell> current;

    CellWriter(Supplier<Cell> current) {
        this.current = current;
    }

    @Override
    public void write(char[] buf, int off, int len) {
        Cell cell = current.get();
        if (cell != null) cell.write(new String(buf, off, len));
    }

    @Override
    public void flush() {
        Cell cell = current.get();
        if (cell != null) cell.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
