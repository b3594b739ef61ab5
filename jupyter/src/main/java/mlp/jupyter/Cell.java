package mlp.jupyter;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;

import java.util.UUID;

/**
 * The outputs of one cell while it runs: printed text (published as it is flushed), pictures
 * and the progress bar (display data, some of it updated in place). Messages go out on the
 * iopub channel of the cell's request, from whichever thread produces them.
 */
final class Cell {
    private final ShellReplyEnvironment env;
    final int count;
    private final StringBuilder pending = new StringBuilder();

    Cell(ShellReplyEnvironment env, int count) {
        this.env = env;
        this.count = count;
    }

    /** Text for the cell's stdout, sent at the next {@link #flush()}. */
    synchronized void write(String text) {
        pending.append(text);
    }

    synchronized void flush() {
        if (pending.length() == 0) return;
        env.publish(new PublishStream(PublishStream.StreamType.OUT, pending.toString()));
        pending.setLength(0);
    }

    /** Shows a new output; returns its display id, for {@link #update}. */
    String display(DisplayData data) {
        flush(); // what was printed before comes first
        String id = UUID.randomUUID().toString();
        data.setDisplayId(id);
        env.publish(new PublishDisplayData(data));
        return id;
    }

    /** Replaces the output shown under {@code id}. */
    void update(String id, DisplayData data) {
        data.setDisplayId(id);
        env.publish(new PublishUpdateDisplayData(data));
    }
}
