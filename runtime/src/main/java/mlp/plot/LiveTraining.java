package mlp.plot;

import mlp.io.Settings;
import mlp.train.Run;
import mlp.train.TrainingListener;
import org.ejml.data.DMatrixRMaj;

import javax.swing.SwingUtilities;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@code train(..., live=true)}: the animation window that follows a run as it trains. The
 * training thread never waits for the window: at most ~30 times a second (less when drawing is
 * slow, see {@link #DUTY}) it copies the predictions, only then, and hands the copy over; the
 * Swing thread draws the newest copy it finds. The axes grow in steps as the points need. The
 * window opens once training has run for 0.15 s (a shorter run shows its animation when it ends).
 * When training ends the window becomes an ordinary animation of the run (slider, replay). With
 * no display the run's animation is written as a GIF when training ends.
 */
public final class LiveTraining {
    private LiveTraining() {
    }

    /** At most one copy (and so one redraw) per this many nanoseconds: ~30 a second. */
    static final long MIN_NANOS_BETWEEN_DRAWS = 33_000_000L;

    /**
     * Drawing may take at most 1/DUTY of the time: a redraw that took 10 ms waits 100 ms for the
     * next. On a busy machine the window then draws less often instead of slowing training down.
     */
    static final int DUTY = 10;

    /** The live window opens once training has run this long (see {@code LiveWindow.due}). */
    static final long OPEN_AFTER_NANOS = 150_000_000L;

    /** A listener that opens the window when training starts and updates it, throttled. */
    public static TrainingListener open(Settings settings, String title) {
        if (settings.pictures() == Settings.Pictures.OFF) return new TrainingListener() {
        };
        if (settings.pictures() == Settings.Pictures.WINDOWS && Windows.available()) return new LiveWindow(title);
        return new LiveFile(settings, title);
    }

    /** No display: the animation of the finished run goes to the plots folder. */
    private static final class LiveFile implements TrainingListener {
        private final Settings settings;
        private final String title;

        LiveFile(Settings settings, String title) {
            this.settings = settings;
            this.title = title;
        }

        @Override
        public void started(Run run) {
            Projection.of(run.x(), run.y()); // an unsupported shape fails before training, not after
        }

        @Override
        public void finished(Run run) {
            if (run.frames().isEmpty() || run.epochs() == 0) return;
            Destination d = Destination.choose(settings, null, null, title, "training", true);
            Pictures.animation(d, settings, title, Timeline.of(run), 5);
        }
    }

    /** One copy of the predictions, for the Swing thread. */
    private record Snapshot(double[] xs, double[] ys, int epoch, double loss) {
    }

    static final class LiveWindow implements TrainingListener {
        private final String title;
        // training thread
        private Projection projection;
        private int plannedEpochs;
        private long startNanos;
        private boolean opened;
        private Runnable open;
        private long lastCopy;
        private int copies;
        /** The pause between two copies: set by the Swing thread from what drawing costs. */
        private volatile long gapNanos = MIN_NANOS_BETWEEN_DRAWS;
        // handed over
        private final AtomicReference<Snapshot> latest = new AtomicReference<>();
        private final AtomicBoolean drawQueued = new AtomicBoolean();
        // Swing thread
        private AnimationWindow window;
        private Range xRange;
        private Range yRange;
        private int drawn;

        LiveWindow(String title) {
            this.title = title;
        }

        @Override
        public void started(Run run) {
            projection = Projection.of(run.x(), run.y());
            plannedEpochs = run.plannedEpochs();
            double[] tx = projection.xs(run.y()), ty = projection.ys(run.y());
            // the tutorial's frame 0: the inputs, when they live in the same plane as the targets
            Snapshot start = run.x().numCols == run.y().numCols && run.x().numRows == run.y().numRows
                    ? new Snapshot(projection.xs(run.x()), projection.ys(run.x()), 0, Double.NaN) : null;
            startNanos = System.nanoTime();
            lastCopy = startNanos - gapNanos;
            Projection p = projection;
            open = () -> Windows.open(() -> {
                window = new AnimationWindow(title, new AnimationChart(title, p, tx, ty, ChartStyle.WIDTH, ChartStyle.HEIGHT), 5);
                xRange = Range.EMPTY.include(tx).padded(0.1);
                yRange = Range.EMPTY.include(ty).padded(0.1);
                if (start != null) draw(start);
                else window.chart().axes(xRange, yRange);
                return window.frame();
            });
        }

        @Override
        public void epoch(int epoch, double loss, DMatrixRMaj predictions) {
            if (due()) handOver(epoch, loss, predictions);
        }

        @Override
        public void epoch(int epoch, double loss, Supplier<DMatrixRMaj> predictions) {
            if (due()) handOver(epoch, loss, predictions.get()); // only now are they made
        }

        /**
         * True, once a gap has passed since the last copy: time for another. The window itself
         * opens only when training has run for {@link #OPEN_AFTER_NANOS}: a shorter run is over
         * before a window could show it, and gets the run's animation when it ends instead.
         */
        private boolean due() {
            long now = System.nanoTime();
            if (now - lastCopy < gapNanos) return false;
            lastCopy = now;
            if (!opened) {
                if (now - startNanos < OPEN_AFTER_NANOS) return false;
                opened = true;
                open.run();
            }
            return true;
        }

        private void handOver(int epoch, double loss, DMatrixRMaj predictions) {
            copies++;
            latest.set(new Snapshot(projection.xs(predictions), projection.ys(predictions), epoch, loss));
            if (drawQueued.compareAndSet(false, true)) SwingUtilities.invokeLater(this::drawLatest);
        }

        @Override
        public void finished(Run run) {
            Timeline t = run.frames().isEmpty() || projection == null ? null : Timeline.of(run);
            if (t == null) return;
            if (!opened) { // a short run: its animation, as animate would show it
                opened = true;
                Windows.open(() -> {
                    window = AnimationWindow.of(title, t, 5);
                    window.playWhenOpened();
                    return window.frame();
                });
                return;
            }
            SwingUtilities.invokeLater(() -> {
                drawQueued.set(false);
                if (window != null) window.timeline(t);
            });
        }

        private void drawLatest() {
            drawQueued.set(false);
            Snapshot s = latest.get();
            if (s == null || window == null || !window.frame().isDisplayable()) return;
            long start = System.nanoTime();
            draw(s);
            gapNanos = Math.max(MIN_NANOS_BETWEEN_DRAWS, (System.nanoTime() - start) * DUTY);
        }

        private void draw(Snapshot s) {
            xRange = xRange.grownFor(Range.EMPTY.include(s.xs()), 0.2);
            yRange = yRange.grownFor(Range.EMPTY.include(s.ys()), 0.2);
            window.showLive(s.xs(), s.ys(), Timeline.caption(s.epoch(), plannedEpochs, s.loss()), xRange, yRange);
            drawn++;
        }

        /** How many times the window was redrawn (Swing thread; for tests and the benchmark). */
        int drawn() {
            return drawn;
        }

        /** How many times the predictions were copied (training thread). */
        int copies() {
            return copies;
        }

        /** The window (Swing thread), or null before it is built. */
        AnimationWindow window() {
            return window;
        }
    }
}
