package mlp.train;

import mlp.eval.Settings;
import mlp.value.Format;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The training progress bar, tqdm's format drawn by the progressbar library (its own thread
 * renders; the training loop only hands it the epoch and the loss, at most every 50 ms):
 * <pre>45%|████▌     | 450/1000 [00:01&lt;00:01, 2650.3 it/s, loss=0.0213]</pre>
 * On a terminal the line is redrawn in place; elsewhere (a pipe, a log) only the last line is
 * written, once, when training ends.
 */
final class TrainingProgress implements AutoCloseable {
    private static final long UPDATE_NANOS = 50_000_000L;

    private final ProgressBar bar; // null when off
    private long nextUpdate;

    private TrainingProgress(ProgressBar bar) {
        this.bar = bar;
    }

    static TrainingProgress open(Settings settings, boolean wanted, int epochs) {
        PrintStream out = settings.progress();
        if (!wanted || out == null) return new TrainingProgress(null);
        ProgressBarConsumer consumer = settings.progressIsTerminal() ? new Redraw(out) : new LastLine(out);
        ProgressBar bar = new ProgressBarBuilder()
                .setInitialMax(epochs)
                .setUpdateIntervalMillis(100)
                .setRenderer(new Tqdm())
                .setConsumer(consumer)
                .build();
        return new TrainingProgress(bar);
    }

    /** Epoch {@code epoch} finished with this loss; cheap unless the bar is due for an update. */
    void update(int epoch, double loss) {
        if (bar == null) return;
        long now = System.nanoTime();
        if (now - nextUpdate < 0) return;
        nextUpdate = now + UPDATE_NANOS;
        set(epoch, loss);
    }

    /** Shows exactly this state (at the end of training). */
    void set(int epoch, double loss) {
        if (bar == null) return;
        bar.stepTo(epoch);
        bar.setExtraMessage("loss=" + Format.number(loss));
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }

    /** tqdm's layout: percent, a 10-cell bar with eighth blocks, count, elapsed<remaining, rate, loss. */
    static final class Tqdm implements ProgressBarRenderer {
        private static final String EIGHTHS = " ▏▎▍▌▋▊▉";

        @Override
        public String render(ProgressState state, int maxLength) {
            long current = state.getCurrent(), max = state.getMax();
            double elapsed = state.getElapsedAfterStart().toNanos() / 1e9;
            double fraction = max > 0 ? Math.min(1, (double) current / max) : 1;
            double rate = elapsed > 0 ? current / elapsed : 0;
            String remaining = rate > 0 ? time((max - current) / rate) : "?";
            String extra = state.getExtraMessage();
            return String.format(Locale.ROOT, "%3d%%|%s| %d/%d [%s<%s, %.1f it/s%s]", (int) (fraction * 100), cells(fraction),
                    current, max, time(elapsed), remaining, rate, extra == null || extra.isEmpty() ? "" : ", " + extra);
        }

        static String cells(double fraction) {
            int eighths = (int) Math.round(fraction * 80), full = eighths / 8;
            StringBuilder s = new StringBuilder("█".repeat(full));
            if (full < 10) s.append(eighths % 8 == 0 ? ' ' : EIGHTHS.charAt(eighths % 8)).append(" ".repeat(9 - full));
            return s.toString();
        }

        static String time(double seconds) {
            long s = (long) seconds;
            if (s >= 3600) return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
            return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
        }
    }

    /** A terminal: redraw the line in place, then end it. */
    private static final class Redraw implements ProgressBarConsumer {
        private final PrintStream out;
        private int lastLength;

        Redraw(PrintStream out) {
            this.out = out;
        }

        @Override
        public int getMaxRenderedLength() {
            return 100;
        }

        @Override
        public void accept(String line) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            out.flush();
        }

        @Override
        public void close() {
            out.println();
            out.flush();
        }
    }

    /** Not a terminal: no carriage returns; the last state as one line at the end. */
    private static final class LastLine implements ProgressBarConsumer {
        private final PrintStream out;
        private volatile String last;

        LastLine(PrintStream out) {
            this.out = out;
        }

        @Override
        public int getMaxRenderedLength() {
            return 100;
        }

        @Override
        public void accept(String line) {
            last = line;
        }

        @Override
        public void close() {
            if (last != null) {
                out.println(last);
                out.flush();
            }
        }
    }
}
