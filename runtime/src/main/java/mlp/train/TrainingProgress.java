package mlp.train;

import mlp.value.Format;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

import java.io.PrintStream;

/**
 * The training progress bar, tqdm's format drawn by the progressbar library (its own thread
 * renders; the training loop only hands it the epoch and the loss, at most every 50 ms):
 * <pre>45%|████▌     | 450/1000 [00:01&lt;00:01, 2650.3 it/s, loss=0.0213]</pre>
 * On a terminal the line is redrawn in place by the library's render thread; elsewhere (a pipe,
 * a log) there is nothing to redraw, so no bar thread runs: the last line is written once, when
 * training ends.
 */
final class TrainingProgress implements AutoCloseable {
    private static final long UPDATE_NANOS = 50_000_000L;
    /** A host's display is redrawn at most this often (each line is a message to a notebook). */
    private static final long SINK_NANOS = 200_000_000L;

    private final ProgressBar bar;   // the live bar on a terminal, else null
    private final Redraw redraw;     // its line on the terminal
    private final PrintStream quiet; // not a terminal: where the final line goes (null when off)
    private final ProgressSink sink; // a host's display of the line (a notebook), or null
    private final int epochs;
    private final long start = System.nanoTime();
    private long nextUpdate;
    private int shownEpoch;
    private double shownLoss = Double.NaN;
    private double shownVal = Double.NaN;

    private TrainingProgress(ProgressBar bar, Redraw redraw, PrintStream quiet, int epochs) {
        this(bar, redraw, quiet, null, epochs);
    }

    private TrainingProgress(ProgressBar bar, Redraw redraw, PrintStream quiet, ProgressSink sink, int epochs) {
        this.sink = sink;
        this.bar = bar;
        this.redraw = redraw;
        this.quiet = quiet;
        this.epochs = epochs;
    }

    /**
     * @param sink a host's display of the line (a notebook), or null: then the bar goes to
     *             {@code out} (a terminal: redrawn in place; else one line at the end; null: off)
     */
    static TrainingProgress open(PrintStream out, boolean terminal, ProgressSink sink, boolean wanted, int epochs) {
        if (wanted && sink != null) {
            TrainingProgress p = new TrainingProgress(null, null, null, sink, epochs);
            p.sink.line(p.line(), false); // the bar shows at once, at 0
            p.nextUpdate = System.nanoTime() + SINK_NANOS;
            return p;
        }
        if (!wanted || out == null) return new TrainingProgress(null, null, null, epochs);
        if (!terminal) return new TrainingProgress(null, null, out, epochs);
        Redraw redraw = new Redraw(out);
        ProgressBar bar = new ProgressBarBuilder()
                .setInitialMax(epochs)
                .setUpdateIntervalMillis(100)
                .setRenderer(new Tqdm())
                .setConsumer(redraw)
                .build();
        return new TrainingProgress(bar, redraw, null, epochs);
    }

    /** Epoch {@code epoch} finished with this loss; cheap unless the bar is due for an update. */
    void update(int epoch, double loss) {
        update(epoch, loss, Double.NaN);
    }

    /** The same with the validation loss (NaN: none), shown as {@code val=}. */
    void update(int epoch, double loss, double val) {
        if (sink != null) {
            long now = System.nanoTime();
            if (now - nextUpdate < 0) return;
            nextUpdate = now + SINK_NANOS;
            shownEpoch = epoch;
            shownLoss = loss;
            shownVal = val;
            sink.line(line(), false);
            return;
        }
        if (bar == null) return;
        long now = System.nanoTime();
        if (now - nextUpdate < 0) return;
        nextUpdate = now + UPDATE_NANOS;
        set(epoch, loss, val);
    }

    /** Shows exactly this state (at the end of training). */
    void set(int epoch, double loss) {
        set(epoch, loss, Double.NaN);
    }

    void set(int epoch, double loss, double val) {
        shownEpoch = epoch;
        shownLoss = loss;
        shownVal = val;
        if (bar == null) return;
        bar.stepTo(epoch);
        bar.setExtraMessage(lossText(loss, val));
    }

    private static String lossText(double loss, double val) {
        if (Double.isNaN(loss)) return "";
        // four significant digits, as tqdm shows a postfix (the full number is in run.loss)
        StringBuilder b = new StringBuilder("loss=").append(Format.significant(loss, 4));
        if (!Double.isNaN(val)) b.append(", val=").append(Format.significant(val, 4));
        return b.toString();
    }

    /** The bar's line for what is shown now. */
    private String line() {
        return Tqdm.line(shownEpoch, epochs, (System.nanoTime() - start) / 1e9, lossText(shownLoss, shownVal));
    }

    @Override
    public void close() {
        if (sink != null) sink.line(line(), true);
        if (bar != null) {
            bar.close();
            // progressbar 0.10.2 skips closing its consumer when closed before its first scheduled
            // update ran (a short training): end the line ourselves (closing twice is harmless)
            redraw.close();
        }
        if (quiet != null) {
            quiet.println(line());
            quiet.flush();
        }
    }

    /** tqdm's layout: percent, a 10-cell bar with eighth blocks, count, elapsed<remaining, rate, loss. */
    static final class Tqdm implements ProgressBarRenderer {
        private static final String EIGHTHS = " ▏▎▍▌▋▊▉";

        @Override
        public String render(ProgressState state, int maxLength) {
            return line(state.getCurrent(), state.getMax(), state.getElapsedAfterStart().toNanos() / 1e9, state.getExtraMessage());
        }

        /** {@code 45%|████▌     | 450/1000 [00:01<00:01, 2650.3 it/s, loss=0.0213]}. */
        static String line(long current, long max, double elapsed, String extra) {
            double fraction = max > 0 ? Math.min(1, (double) current / max) : 1;
            double rate = elapsed > 0 ? current / elapsed : 0;
            String remaining = rate > 0 ? time((max - current) / rate) : "?";
            String percent = Integer.toString((int) (fraction * 100));
            // a StringBuilder, not String.format or '+': the first use of either in a JVM costs tens
            // of milliseconds (class loading, invokedynamic bootstraps), inside the first training run
            StringBuilder line = new StringBuilder(100).append("   ", 0, 3 - percent.length()).append(percent)
                    .append("%|").append(cells(fraction)).append("| ").append(current).append('/').append(max)
                    .append(" [").append(time(elapsed)).append('<').append(remaining).append(", ")
                    .append(Digits.fixed(rate, 1)).append(" it/s");
            if (extra != null && !extra.isEmpty()) line.append(", ").append(extra);
            return line.append(']').toString();
        }

        static String cells(double fraction) {
            int eighths = (int) Math.round(fraction * 80), full = eighths / 8;
            StringBuilder s = new StringBuilder(10);
            for (int i = 0; i < full; i++) s.append('█');
            if (full < 10) {
                s.append(eighths % 8 == 0 ? ' ' : EIGHTHS.charAt(eighths % 8));
                for (int i = full + 1; i < 10; i++) s.append(' ');
            }
            return s.toString();
        }

        static String time(double seconds) {
            long s = (long) seconds;
            StringBuilder t = new StringBuilder(8);
            if (s >= 3600) t.append(s / 3600).append(':');
            return t.append(Digits.two(s / 60 % 60)).append(':').append(Digits.two(s % 60)).toString();
        }
    }

    /** A terminal: redraw the line in place, then end it. */
    private static final class Redraw implements ProgressBarConsumer {
        private final PrintStream out;
        private int lastLength;
        private boolean closed;

        Redraw(PrintStream out) {
            this.out = out;
        }

        @Override
        public int getMaxRenderedLength() {
            return 100;
        }

        @Override
        public synchronized void accept(String line) {
            if (closed) return;
            StringBuilder redraw = new StringBuilder(line.length() + 20).append('\r').append(line);
            for (int i = line.length(); i < lastLength; i++) redraw.append(' ');
            out.print(redraw);
            lastLength = line.length();
            out.flush();
        }

        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            out.println();
            out.flush();
        }
    }
}
