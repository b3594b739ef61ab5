package mlp.plot;

import mlp.io.Settings;
import mlp.train.Run;
import mlp.train.TrainingListener;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYSeries;

import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import java.awt.GraphicsEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The animation window on a real (virtual) display: drives the slider and the play button as a
 * user would and checks what the chart holds. CI runs it under xvfb-run; with no display at all
 * it is skipped, and says so.
 */
class AnimationWindowTest {
    private final List<JFrame> opened = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void needsADisplay() {
        if (GraphicsEnvironment.isHeadless())
            System.err.println("AnimationWindowTest SKIPPED: no display (run it under xvfb-run, as .ci/run does)");
        assumeFalse(GraphicsEnvironment.isHeadless(), "no display: the window tests need one (xvfb-run -a mvn -B verify)");
    }

    @AfterEach
    void closeWindows() throws Exception {
        onEdt(() -> {
            opened.forEach(JFrame::dispose);
            return null;
        });
    }

    static <T> T onEdt(Supplier<T> task) throws InterruptedException, InvocationTargetException {
        AtomicReference<T> out = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> out.set(task.get()));
        return out.get();
    }

    static void waitFor(String what, BooleanSupplier onEdt) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!onEdt(onEdt::getAsBoolean)) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    private AnimationWindow open(Run run, double duration) throws Exception {
        Timeline t = Timeline.of(run);
        AnimationWindow w = onEdt(() -> {
            AnimationWindow window = AnimationWindow.of("test", t, duration);
            window.frame().pack();
            window.frame().setVisible(true);
            return window;
        });
        opened.add(w.frame());
        return w;
    }

    /** The predictions series holds frame k of the run, column 0 against column 1, and the caption its epoch. */
    private static void assertShows(AnimationWindow w, Run run, int k) throws Exception {
        double[] shownXs = onEdt(() -> w.chart().shownXs()), shownYs = onEdt(() -> w.chart().shownYs());
        DMatrixRMaj frame = run.frames().get(k);
        double[] xs = new double[frame.numRows], ys = new double[frame.numRows];
        for (int r = 0; r < frame.numRows; r++) {
            xs[r] = frame.get(r, 0);
            ys[r] = frame.get(r, 1);
        }
        assertArrayEquals(xs, shownXs, "frame " + k + ": x");
        assertArrayEquals(ys, shownYs, "frame " + k + ": y");
        int epoch = run.frameEpochs().get(k);
        String caption = onEdt(() -> w.chart().caption());
        assertTrue(caption.startsWith("epoch " + epoch + " / " + run.epochs()), caption);
        assertEquals(k, onEdt(() -> w.slider().getValue()));
    }

    private static Run rotation(int frames) {
        DMatrixRMaj[] d = Runs.rotation(3);
        return Runs.straight(d[0], d[1], null, 1000, frames);
    }

    @Test
    void theSliderShowsTheFrameItPointsAt() throws Exception {
        Run run = rotation(20);
        AnimationWindow w = open(run, 5);
        assertShows(w, run, 19); // opened on the last frame (play() starts from 0)
        for (int k : new int[]{0, 7, 13, 19, 2}) {
            onEdt(() -> {
                w.slider().setValue(k);
                return null;
            });
            assertShows(w, run, k);
        }
        onEdt(() -> { // a drag: the value moves while the user holds the knob
            w.slider().setValueIsAdjusting(true);
            w.slider().setValue(11);
            return null;
        });
        assertShows(w, run, 11);
        onEdt(() -> {
            w.slider().setValueIsAdjusting(false);
            return null;
        });
        assertEquals("y[:, 0]", onEdt(() -> w.chart().chart().getXAxisTitle()));
        XYSeries targets = onEdt(() -> w.chart().chart().getSeries(AnimationChart.TARGETS));
        assertEquals(run.y().get(5, 1), targets.getYData()[5]);
    }

    @Test
    void playPlaysToTheEndThenReplaysAndPauses() throws Exception {
        Run run = rotation(20);
        AnimationWindow w = open(run, 5);
        onEdt(() -> {
            w.slider().setValue(3);
            w.playButton().doClick();
            return null;
        });
        assertEquals("Pause", onEdt(() -> w.playButton().getText()));
        waitFor("the end of the animation", () -> !w.playing());
        assertShows(w, run, 19);
        assertEquals("Replay", onEdt(() -> w.playButton().getText()));

        AnimationWindow slow = open(run, 400);
        List<Integer> seen = new ArrayList<>();
        onEdt(() -> {
            slow.slider().addChangeListener(e -> seen.add(slow.slider().getValue()));
            slow.playButton().doClick(); // at the end: replays from the first frame
            return null;
        });
        assertEquals(0, seen.get(0), "replay starts at frame 0");
        assertShows(slow, run, 0);
        onEdt(() -> {
            slow.playButton().doClick(); // pause
            return null;
        });
        assertFalse(onEdt(slow::playing));
        assertEquals("Play", onEdt(() -> slow.playButton().getText()));
        int paused = onEdt(() -> slow.slider().getValue());
        Thread.sleep(900);
        assertEquals(paused, onEdt(() -> slow.slider().getValue()), "paused means paused");
        assertShows(slow, run, paused);
    }

    @Test
    void itPlaysOnceWhenOpened() throws Exception {
        Run run = rotation(10);
        Timeline t = Timeline.of(run);
        List<Integer> seen = new ArrayList<>();
        AnimationWindow w = onEdt(() -> {
            AnimationWindow window = AnimationWindow.of("opened", t, 5);
            window.slider().addChangeListener(e -> seen.add(window.slider().getValue()));
            window.playWhenOpened();
            window.frame().pack();
            window.frame().setVisible(true);
            return window;
        });
        opened.add(w.frame());
        waitFor("the animation to start and finish", () -> seen.contains(0) && !w.playing() && w.slider().getValue() == 9);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), onEdt(() -> List.copyOf(seen)));
        assertShows(w, run, 9);
    }

    private static JFrame showing(String title) {
        for (java.awt.Window w : java.awt.Window.getWindows())
            if (w instanceof JFrame f && f.isShowing() && title.equals(f.getTitle())) return f;
        return null;
    }

    @Test
    void thePictureBuiltinsOpenWindowsAndReturnAtOnce() throws Exception {
        PlotTesting p = new PlotTesting(dir, Settings.Pictures.WINDOWS).define("run", rotation(10));
        Chart animation = (Chart) p.run("animate(run, title=\"in a window\")");
        Chart scatter = (Chart) p.run("scatter([[1, 2], [3, 4]], [[2, 2], [1, 1]], title=\"points\")");
        assertEquals(Chart.Shown.WINDOW, animation.shown());
        assertEquals(Chart.Shown.WINDOW, scatter.shown());
        assertEquals("<chart: animation \"in a window\", in a window>", animation.toString());
        waitFor("both windows", () -> showing("in a window") != null && showing("points") != null);
        opened.add(onEdt(() -> showing("in a window")));
        opened.add(onEdt(() -> showing("points")));
        assertEquals("", p.printed.toString(), "nothing is written, nothing printed");
        try (var files = java.nio.file.Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aRunShorterThanTheWindowTakesToOpenShowsItsAnimationWhenItEnds() throws Exception {
        TrainingListener listener = LiveTraining.open(new PlotTesting(dir, Settings.Pictures.WINDOWS).interpreter.settings(), "short");
        LiveTraining.LiveWindow live = (LiveTraining.LiveWindow) listener;
        Run run = rotation(10);
        listener.started(run);
        for (int e = 1; e <= 50; e++) listener.epoch(e, 1.0 / e, run.frames().get(9)); // well under 0.15 s
        assertEquals(0, live.copies(), "no window yet, so nothing copied");
        assertEquals(null, onEdt(live::window));
        listener.finished(run);
        waitFor("the run's animation", () -> live.window() != null && live.window().frame().isShowing());
        opened.add(onEdt(() -> live.window().frame()));
        waitFor("it to play to the end", () -> !live.window().playing() && live.window().slider().getValue() == 9);
        assertShows(live.window(), run, 9);
    }

    @Test
    void theProgramWaitsUntilTheLastWindowIsClosed() throws Exception {
        AtomicReference<JFrame> made = new AtomicReference<>();
        Windows.open(() -> {
            JFrame f = new JFrame("a window");
            made.set(f);
            return f;
        });
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(Windows::awaitAllClosed);
        waitFor("the window", () -> made.get() != null && made.get().isShowing());
        assertFalse(waiting.isDone(), "a window is open: the program stays");
        onEdt(() -> {
            made.get().dispose(); // what the close button does
            return null;
        });
        waiting.get(20, TimeUnit.SECONDS);
        assertEquals(0, Windows.openCount());
    }

    @Test
    void liveTrainingFollowsTheRunWithoutEverWaitingForTheWindow() throws Exception {
        PlotTesting p = new PlotTesting(dir, Settings.Pictures.WINDOWS);
        TrainingListener listener = LiveTraining.open(p.interpreter.settings(), "live");
        LiveTraining.LiveWindow live = (LiveTraining.LiveWindow) listener;
        DMatrixRMaj[] d = Runs.rotation(5);
        int epochs = 3000;
        Run run = new Run(new mlp.value.Str("m"), d[0], d[1], epochs);
        run.addFrame(0, d[0].copy());
        listener.started(run);

        // the Swing thread is busy (held by this latch): training must go on regardless
        CountDownLatch release = new CountDownLatch(1);
        SwingUtilities.invokeLater(() -> {
            try {
                release.await();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        DMatrixRMaj predictions = new DMatrixRMaj(d[1].numRows, 2);
        int[] made = {0}; // how often the listener asked for the predictions
        java.util.function.Supplier<DMatrixRMaj> later = () -> {
            made[0]++;
            return predictions;
        };
        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int e = 1; e <= epochs; e++) {
                double t = (double) e / epochs;
                for (int i = 0; i < predictions.data.length; i++)
                    predictions.data[i] = d[0].data[i] + t * (d[1].data[i] - d[0].data[i]);
                double loss = 1.0 / e;
                run.addLoss(loss);
                if (e % 2 == 0) listener.epoch(e, loss, predictions);
                else listener.epoch(e, loss, later); // a trainer that makes them only on demand
                if (e % 300 == 0) run.addFrame(e, predictions.copy());
                if (e % 10 == 0) Thread.sleep(1); // ~3 s of "training"
            }
        }, "epoch() waited for the Swing thread");
        double seconds = (System.nanoTime() - start) / 1e9;
        release.countDown();
        waitFor("the live window", () -> live.window() != null && live.window().frame().isShowing());
        opened.add(onEdt(() -> live.window().frame()));
        assertFalse(onEdt(() -> live.window().slider().isEnabled()), "no replay while training");
        int copies = live.copies();
        assertTrue(made[0] <= copies && made[0] < epochs / 100, "predictions made " + made[0] + " times for " + copies + " copies");
        assertTrue(copies >= 2, "the window was fed (" + copies + " copies)");
        assertTrue(copies <= seconds / 0.033 + 2, copies + " copies in " + seconds + " s: more than ~30 a second");
        waitFor("the last copy drawn", () -> live.window().chart().caption().startsWith("epoch"));
        int drawn = onEdt(live::drawn);
        assertTrue(drawn <= copies + 1, "drawn " + drawn + " times for " + copies + " copies");

        listener.finished(run);
        waitFor("the replay controls", () -> live.window().slider().isEnabled());
        assertShows(live.window(), run, run.frames().size() - 1);
        assertEquals(run.frames().size() - 1, onEdt(() -> live.window().slider().getMaximum()));
        assertNotNull(onEdt(() -> live.window().playButton().getText()));
    }
}
