package mlp.jupyter;

import mlp.train.ProgressSink;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.function.Supplier;

/**
 * The training progress bar in the running cell: one output per {@code train}, its line
 * replaced in place a few times a second; the final line stays.
 */
final class NotebookProgress implements ProgressSink {
    private final Supplier<Cell> current;
    private Cell cell;
    private String id; // the bar of the run in progress, or null between runs

    NotebookProgress(Supplier<Cell> current) {
        this.current = current;
    }

    @Override
    public void line(String line, boolean done) {
        if (id == null) {
            cell = current.get();
            if (cell == null) return;
            id = cell.display(new DisplayData(line));
        } else {
            cell.update(id, new DisplayData(line));
        }
        if (done) id = null;
    }
}
