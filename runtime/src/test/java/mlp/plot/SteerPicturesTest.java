package mlp.plot;

import mlp.MlpError;
import mlp.io.Settings;
import mlp.train.DecisionGrid;
import mlp.train.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pictures of a watched run, decoded back: the loss panel under an animation, a classifier's
 * decision regions forming, validation curves, numbered headless files, one-cloud scatters and
 * points over a line.
 */
class SteerPicturesTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        assumeTrue(java.awt.GraphicsEnvironment.isHeadless(), "runs headless only (java.awt.headless=true)");
    }

    private static int count(BufferedImage img, int x0, int y0, int x1, int y1, Color c, int tolerance) {
        int n = 0;
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++) if (Images.distance(new Color(img.getRGB(x, y)), c) <= tolerance) n++;
        return n;
    }

    private static final String SPIRAL = """
            seed(0)
            n = 100
            t = sqrt(rand(n, 1)) * 2 * pi
            a = stack(t * cos(t), t * sin(t)) / (2 * pi)
            X = cat(a, -a) + 0.02 * randn(2 * n, 2)
            y = cat(zeros(n, 1), ones(n, 1))
            m = mlp(2, 24, 24, 2)
            """;

    @Test
    void aClassifiersAnimationShowsItsRegionsFormingUnderThePointsAndTheLossPanel() throws Exception {
        PlotTesting p = new PlotTesting(dir, Settings.Pictures.FILES);
        p.run(SPIRAL + "run = train(m, X, y, loss=cross_entropy, lr=0.01, epochs=600, frames=20, val=[X * 1.3, y])\n"
                + "animate(run, title=\"spiral\", file=\"spiral.gif\")");
        Run run = (Run) p.interpreter.globals().lookup("run");
        Images.Gif gif = Images.gif(dir.resolve("spiral.gif"));
        List<BufferedImage> frames = PictureFilesTest.raw(gif);
        assertEquals(20, frames.size());
        BufferedImage first = frames.get(0), last = frames.get(19);
        assertEquals(600 + AnimationChart.PANEL_HEIGHT, last.getHeight());

        // the regions: the last frame's cells, where no point lies, have their class's tint
        Timeline t = Timeline.of(run);
        AnimationChart ref = AnimationChart.of("spiral", t, ChartStyle.WIDTH, ChartStyle.HEIGHT);
        ref.show(t, 19);
        PictureFiles.draw(ref, new BufferedImage(ref.width(), ref.height(), BufferedImage.TYPE_INT_RGB));
        DecisionGrid g = run.grid();
        double[] cells = run.regions().get(19);
        Color[] tint = {ChartStyle.tint(ChartStyle.color(0), 0.7), ChartStyle.tint(ChartStyle.color(1), 0.7)};
        int checked = 0;
        for (int i = 2; i < g.cells(); i += 7)
            for (int j = 2; j < g.cells(); j += 7) {
                double x = g.x(i), y = g.y(j);
                boolean nearPoint = false;
                for (int r = 0; r < run.x().numRows; r++)
                    nearPoint |= Math.hypot(run.x().get(r, 0) - x, run.x().get(r, 1) - y) < 0.08;
                if (nearPoint) continue;
                Color got = Images.at(last, ref.screenX(x), ref.screenY(y));
                assertTrue(Images.distance(got, tint[(int) cells[i * g.cells() + j]]) <= 8,
                        "cell (" + i + ", " + j + ") of class " + cells[i * g.cells() + j] + " is drawn " + got);
                checked++;
            }
        assertTrue(checked > 30, checked + " cells checked");
        // the regions changed while training: many pixels of the plot differ between the first frame and the last
        assertTrue(Images.differing(first, last, new java.awt.Rectangle(0, 0, 600, 600), false) > 20_000, "the regions moved");
        // the points are drawn in their class's colour
        int r0 = 0;
        double[] at = {ref.screenX(run.x().get(r0, 0)), ref.screenY(run.x().get(r0, 1))};
        assertTrue(Images.distance(Images.at(last, at[0], at[1]), ChartStyle.color((int) run.y().get(r0, 0))) <= 12);

        // the loss panel: both curves drawn, and the dashed marker at the frame's epoch moves to the right
        int panelTop = 600;
        assertTrue(count(last, 0, panelTop, 600, last.getHeight(), LossPanel.TRAIN, 20) > 100, "the training curve");
        assertTrue(count(last, 0, panelTop, 600, last.getHeight(), LossPanel.VAL, 20) > 100, "the validation curve");
        assertTrue(Images.differing(frames.get(5), frames.get(15), new java.awt.Rectangle(0, panelTop, 600, AnimationChart.PANEL_HEIGHT), false) > 20,
                "the marker moved");
    }

    @Test
    void headlessPicturesOfOneTitleAreNumberedNotOverwritten() throws Exception {
        PlotTesting p = new PlotTesting(dir, Settings.Pictures.FILES).define("run", PictureFilesTest.walkingPoint(3));
        p.run("animate(run, title=\"Walk\")\nanimate(run, title=\"Walk\")\nanimate(run, title=\"Walk\")\n"
                + "scatter([[1, 2], [3, 4]], title=\"Walk\")\nscatter([[1, 2], [3, 4]], title=\"Walk\")");
        Path plots = dir.resolve("plots");
        for (String f : List.of("Walk.gif", "Walk-2.gif", "Walk-3.gif", "Walk.png", "Walk-2.png"))
            assertTrue(Files.isRegularFile(plots.resolve(f)), f);
        assertEquals(String.join(System.lineSeparator(), "wrote plots/Walk.gif", "wrote plots/Walk-2.gif", "wrote plots/Walk-3.gif",
                "wrote plots/Walk.png", "wrote plots/Walk-2.png", ""), p.printed.toString().replace('\\', '/'));
        // a new session (the script run again) starts again from Walk.gif, replacing it
        PlotTesting again = new PlotTesting(dir, Settings.Pictures.FILES).define("run", PictureFilesTest.walkingPoint(3));
        again.run("animate(run, title=\"Walk\")");
        assertEquals("wrote plots/Walk.gif" + System.lineSeparator(), again.printed.toString().replace('\\', '/'));
        // a file named by the script is the script's to overwrite
        p.run("scatter([[1, 2]], file=\"a.png\")\nscatter([[1, 2]], file=\"a.png\")");
        assertTrue(Files.isRegularFile(dir.resolve("a.png")) && !Files.exists(dir.resolve("a-2.png")));
    }

    @Test
    void plotOfARunWithValidationDrawsBothCurves() throws Exception {
        PlotTesting p = new PlotTesting(dir, Settings.Pictures.FILES);
        p.run("seed(1)\nX = randn(30, 1)\ny = X ^ 2\nrun = train(mlp(1, 8, 1), X, y, epochs=200, lr=0.01, val=[X + 0.3, y])\n"
                + "plot(run, file=\"loss.png\")\nplot(linspace(0, 1, 5), linspace(0, 1, 5), file=\"plain.png\")");
        BufferedImage png = Images.png(dir.resolve("loss.png"));
        assertTrue(count(png, 0, 0, png.getWidth(), png.getHeight(), ChartStyle.color(0), 10) > 300, "the training loss");
        assertTrue(count(png, 0, 0, png.getWidth(), png.getHeight(), ChartStyle.color(1), 10) > 300, "the validation loss");
        BufferedImage plain = Images.png(dir.resolve("plain.png"));
        assertEquals(0, count(plain, 0, 0, plain.getWidth(), plain.getHeight(), ChartStyle.color(1), 10), "one line, one colour");
    }

    @Test
    void oneCloudScattersAndPointsOverALine() throws Exception {
        PlotTesting p = new PlotTesting(dir, Settings.Pictures.FILES);
        p.run("A = [[0, 0], [1, 1]]\nscatter(A, file=\"one.png\")\nscatter(A[:, 0], A[:, 1], file=\"xy.png\")\n"
                + "x = linspace(0, 1, 11)\nplot(x, x, points=[[0, 1], [1, 0]], file=\"pts.png\")");
        for (String name : List.of("one.png", "xy.png")) {
            BufferedImage png = Images.png(dir.resolve(name));
            var ref = StaticCharts.scatter(null, List.of(new StaticCharts.Series("A", new double[]{0, 1}, new double[]{0, 1})));
            PictureFiles.draw(Drawing.of(ref), new BufferedImage(600, 600, BufferedImage.TYPE_INT_RGB));
            assertTrue(Images.distance(Images.at(png, ref.getScreenXFromChart(1), ref.getScreenYFromChart(1)), ChartStyle.color(0)) <= 6, name);
            assertTrue(Images.distance(Images.at(png, ref.getScreenXFromChart(0), ref.getScreenYFromChart(0)), ChartStyle.color(0)) <= 6, name);
            assertEquals(0, count(png, 0, 0, 600, 600, ChartStyle.color(1), 10), name + ": one cloud, one colour");
        }
        BufferedImage pts = Images.png(dir.resolve("pts.png"));
        assertTrue(count(pts, 0, 0, pts.getWidth(), pts.getHeight(), ChartStyle.color(1), 10) > 40, "the points, in the colour after the line's");

        MlpError e = assertThrows(MlpError.class, () -> p.run("scatter([[1], [2]], [[1], [2], [3]])"));
        assertTrue(e.plainMessage().contains("scatter(x, y): x has 2 rows but y has 3"), e.plainMessage());
        e = assertThrows(MlpError.class, () -> p.run("plot(x, x, points=x)"));
        assertTrue(e.plainMessage().contains("P must be a tensor of 2 columns (x, y), not (11×1)"), e.plainMessage());
        e = assertThrows(MlpError.class, () -> p.run("scatter([[1], [2]])"));
        assertTrue(e.plainMessage().contains("has only 1 column"), e.plainMessage());
    }
}
