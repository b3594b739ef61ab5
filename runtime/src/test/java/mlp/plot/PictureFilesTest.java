package mlp.plot;

import mlp.MlpError;
import mlp.io.Settings;
import mlp.train.Run;
import mlp.value.Str;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The GIF and PNG files that animate writes, decoded back with ImageIO, with no display:
 * frame count, size, timing, what changes between frames, and where the points end up.
 */
class PictureFilesTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        // surefire runs this class headless (runtime/pom.xml); when -Dtest= also picks it for the
        // window-test run, which has a display, it has already run headless and is skipped there
        assumeTrue(java.awt.GraphicsEnvironment.isHeadless(), "runs headless only (java.awt.headless=true)");
    }

    /** Four targets in the corners; predictions 1-3 stand still, prediction 0 walks across. */
    static Run walkingPoint(int frames) {
        DMatrixRMaj y = new DMatrixRMaj(new double[][]{{0, 0}, {10, 0}, {0, 10}, {10, 10}});
        Run run = new Run(new Str("model"), y.copy(), y, 400);
        for (int e = 1; e <= 400; e++) run.addLoss(10.0 / e);
        for (int k = 0; k < frames; k++) {
            double t = (double) k / (frames - 1);
            DMatrixRMaj p = new DMatrixRMaj(new double[][]{{2.3 + 5.4 * t, 2.3 + 5.4 * t}, {7, 3}, {3, 7}, {5, 8}});
            run.addFrame(k == 0 ? 0 : k * 100, p);
        }
        return run;
    }

    /** The same chart as the writer draws, at frame k, for mapping data to pixels. */
    static AnimationChart reference(String title, Run run, int frame) {
        Timeline t = Timeline.of(run);
        AnimationChart chart = AnimationChart.of(title, t, ChartStyle.WIDTH, ChartStyle.HEIGHT);
        chart.show(t, frame);
        PictureFiles.draw(chart, new BufferedImage(ChartStyle.WIDTH, ChartStyle.HEIGHT, BufferedImage.TYPE_INT_RGB));
        return chart;
    }

    static double[] pixel(AnimationChart chart, double x, double y) {
        return new double[]{chart.screenX(x), chart.screenY(y)};
    }

    @Test
    void theGifHasOneFramePerSnapshotAtTheChartSizeLoopingWithTheDuration() throws Exception {
        Run run = walkingPoint(5);
        PlotTesting p = new PlotTesting(dir, Settings.Pictures.FILES).define("run", run);
        Chart chart = (Chart) p.run("animate(run, title=\"walk\", duration=50, file=\"walk.gif\")");
        assertEquals(Chart.Shown.FILE, chart.shown());
        Images.Gif gif = Images.gif(dir.resolve("walk.gif"));
        assertEquals(5, gif.frames().size());
        for (Images.Raw f : gif.raw()) { // every frame as stored is the whole picture: no partial or see-through frames
            assertEquals(600, f.image().getWidth());
            assertEquals(600 + AnimationChart.PANEL_HEIGHT, f.image().getHeight(), "the scatter and the loss panel under it");
            assertEquals(0, f.left());
            assertEquals(0, f.top());
            assertFalse(f.transparent(), "no colour of a frame is transparent");
        }
        assertTrue(gif.loops(), "the animation loops");
        assertEquals(List.of(5, 5, 5, 5, 5), gif.delaysCs(), "50 ms a frame = 5 hundredths");
        assertEquals("", p.printed.toString(), "a file the user named is not announced");
    }

    @Test
    void consecutiveFramesDifferOnlyWhereThePredictionMovedAndInTheCaption() throws Exception {
        Run run = walkingPoint(5);
        new PlotTesting(dir, Settings.Pictures.FILES).define("run", run).run("animate(run, title=\"walk\", file=\"walk.gif\")");
        List<BufferedImage> frames = raw(Images.gif(dir.resolve("walk.gif"))); // each decoded alone, not over the one before
        for (int k = 0; k + 1 < frames.size(); k++) {
            AnimationChart ref = reference("walk", run, k);
            Rectangle caption = ref.captionBox().union(reference("walk", run, k + 1).captionBox());
            double[] from = pixel(ref, 2.3 + 5.4 * k / 4.0, 2.3 + 5.4 * k / 4.0);
            double[] to = pixel(ref, 2.3 + 5.4 * (k + 1) / 4.0, 2.3 + 5.4 * (k + 1) / 4.0);
            int moved = 0;
            BufferedImage a = frames.get(k), b = frames.get(k + 1);
            for (int y = 0; y < 600; y++)
                for (int x = 0; x < 600; x++) {
                    if ((a.getRGB(x, y) & 0xffffff) == (b.getRGB(x, y) & 0xffffff) || caption.contains(x, y)) continue;
                    boolean nearMove = Math.hypot(x - from[0], y - from[1]) <= 6 || Math.hypot(x - to[0], y - to[1]) <= 6;
                    assertTrue(nearMove, "frame " + k + "→" + (k + 1) + ": pixel (" + x + ", " + y + ") changed far from the moving point");
                    moved++;
                }
            assertTrue(moved > 40, "frame " + k + "→" + (k + 1) + ": the moving point changed only " + moved + " pixels");
            assertTrue(Images.differing(a, b, caption, false) > 0, "the caption shows the new epoch");
        }
    }

    @Test
    void theLastFrameShowsThePredictionsWhereTheFinalPredictionsAre() throws Exception {
        Run run = walkingPoint(5);
        new PlotTesting(dir, Settings.Pictures.FILES).define("run", run).run("animate(run, title=\"walk\", file=\"walk.gif\")");
        List<BufferedImage> frames = raw(Images.gif(dir.resolve("walk.gif")));
        BufferedImage last = frames.get(frames.size() - 1), first = frames.get(0);
        AnimationChart ref = reference("walk", run, 4);
        DMatrixRMaj fin = run.frames().get(4);
        for (int r = 0; r < fin.numRows; r++) {
            double[] px = pixel(ref, fin.get(r, 0), fin.get(r, 1));
            assertTrue(Images.distance(Images.at(last, px[0], px[1]), ChartStyle.PREDICTIONS) <= 12,
                    "prediction " + r + " at " + px[0] + ", " + px[1] + " is " + Images.at(last, px[0], px[1]));
        }
        DMatrixRMaj y = run.y();
        for (int r = 0; r < y.numRows; r++) {
            double[] px = pixel(ref, y.get(r, 0), y.get(r, 1));
            assertTrue(Images.distance(Images.at(last, px[0], px[1]), ChartStyle.TARGETS) <= 12, "target " + r);
        }
        double[] start = pixel(ref, 2.3, 2.3); // where prediction 0 was in frame 0, and is no more
        assertTrue(Images.distance(Images.at(first, start[0], start[1]), ChartStyle.PREDICTIONS) <= 12);
        assertTrue(Images.distance(Images.at(last, start[0], start[1]), ChartStyle.PREDICTIONS) > 60, "the point has left its first place");
    }

    @Test
    void aPngOfAnAnimationIsItsLastFrame() throws Exception {
        Run run = walkingPoint(5);
        new PlotTesting(dir, Settings.Pictures.FILES).define("run", run).run("animate(run, title=\"walk\", file=\"walk.png\")");
        BufferedImage png = Images.png(dir.resolve("walk.png"));
        assertEquals(600, png.getWidth());
        assertEquals(600 + AnimationChart.PANEL_HEIGHT, png.getHeight());
        AnimationChart ref = reference("walk", run, 4);
        double[] end = pixel(ref, 7.7, 7.7), start = pixel(ref, 2.3, 2.3);
        assertTrue(Images.distance(Images.at(png, end[0], end[1]), ChartStyle.PREDICTIONS) <= 6);
        assertTrue(Images.distance(Images.at(png, start[0], start[1]), ChartStyle.PREDICTIONS) > 60);
    }

    @Test
    void aWholeTutorialSizedRunMakesASmallGif() throws Exception {
        DMatrixRMaj[] d = Runs.rotation(20);
        Run run = Runs.straight(d[0], d[1], null, 1000, 100);
        new PlotTesting(dir, Settings.Pictures.FILES).define("run", run).run("animate(run, title=\"Linear data, linear model\", file=\"rot.gif\")");
        Path gif = dir.resolve("rot.gif");
        Images.Gif decoded = Images.gif(gif);
        assertEquals(100, decoded.frames().size());
        assertEquals(2, decoded.delaysCs().get(1), "5 ms frames are written as 20 ms, the shortest delay browsers honour");
        // 100 whole 600×600 frames: about 15 KB each (the same frames as deltas took ~8 KB, as 256-colour whole frames ~25 KB)
        assertTrue(Files.size(gif) < 2_000_000, "100 frames in " + Files.size(gif) + " bytes");
        // the last frame, alone: every prediction sits on its target
        AnimationChart ref = reference("Linear data, linear model", run, 99);
        BufferedImage last = decoded.raw().get(99).image();
        for (int r = 0; r < 100; r += 7) {
            double[] px = pixel(ref, d[1].get(r, 0), d[1].get(r, 1));
            assertTrue(Images.distance(Images.at(last, px[0], px[1]), ChartStyle.PREDICTIONS) <= 12, "row " + r);
        }
    }

    /**
     * What {@code convert 'x.gif[50]' f.png} shows: frame 50 decoded alone is the whole chart at
     * epoch 500 (title, caption, axes, tick labels, legend, targets and predictions), as the chart
     * itself draws it, but for the palette's few colours on smoothed edges.
     */
    @Test
    void anyFrameAloneIsTheWholeChart() throws Exception {
        DMatrixRMaj[] d = Runs.rotation(20);
        Run run = Runs.straight(d[0], d[1], null, 1000, 100);
        new PlotTesting(dir, Settings.Pictures.FILES).define("run", run).run("animate(run, title=\"Linear data, linear model\", file=\"rot.gif\")");
        Images.Raw raw = Images.gif(dir.resolve("rot.gif")).raw().get(50);
        assertEquals(600, raw.image().getWidth());
        assertFalse(raw.transparent());
        BufferedImage frame = raw.image();

        AnimationChart ref = reference("Linear data, linear model", run, 50);
        BufferedImage drawn = new BufferedImage(600, 600, BufferedImage.TYPE_INT_RGB);
        PictureFiles.draw(ref, drawn);
        Color border = new Color(190, 190, 190);
        int close = 0, text = 0, textKept = 0, frameLines = 0, frameLinesKept = 0;
        for (int y = 0; y < 600; y++)
            for (int x = 0; x < 600; x++) {
                Color want = new Color(drawn.getRGB(x, y)), got = new Color(frame.getRGB(x, y));
                if (Images.distance(want, got) <= 16) close++;
                if (Images.distance(want, Color.BLACK) < 80) { // title, caption, tick labels, axis titles, legend
                    text++;
                    if (Images.distance(want, got) <= 40) textKept++;
                }
                if (want.equals(border)) { // the plot's frame
                    frameLines++;
                    if (got.equals(border)) frameLinesKept++;
                }
            }
        assertTrue(close >= 0.995 * 600 * 600, "only " + close + " of 360000 pixels are as the chart draws them");
        assertTrue(text > 1000, "the chart has text (" + text + " dark pixels)");
        assertEquals(text, textKept, "every pixel of text is there");
        assertTrue(frameLines > 1000, "the plot has a frame (" + frameLines + " pixels)");
        assertEquals(frameLines, frameLinesKept, "the plot's frame is there, in its colour");
        Rectangle title = new Rectangle(0, 0, 600, ref.captionBox().y); // above the caption
        assertTrue(ink(frame, title) > 200, "the title is in frame 50 (" + ink(frame, title) + " dark pixels)");
        assertTrue(ink(frame, ref.captionBox()) > 50, "the caption is in frame 50");
        for (Rectangle box : List.of(title, ref.captionBox())) { // as the chart draws them, but for a few greys on their smoothed edges
            int alike = 0;
            for (int y = box.y; y < box.y + box.height; y++)
                for (int x = box.x; x < box.x + box.width; x++)
                    if (Images.distance(new Color(drawn.getRGB(x, y)), new Color(frame.getRGB(x, y))) <= 32) alike++;
            assertTrue(alike >= 0.97 * box.width * box.height, box + ": " + alike + " pixels alike");
        }
    }

    /** How many pixels in the box are nearly black (text). */
    static int ink(BufferedImage image, Rectangle box) {
        int n = 0;
        for (int y = box.y; y < box.y + box.height; y++)
            for (int x = box.x; x < box.x + box.width; x++)
                if (Images.distance(new Color(image.getRGB(x, y)), Color.BLACK) < 100) n++;
        return n;
    }

    /** Every frame as stored in the file, decoded alone. */
    static List<BufferedImage> raw(Images.Gif gif) {
        return gif.raw().stream().map(Images.Raw::image).toList();
    }

    @Test
    void withNoDisplayAPictureGoesToThePlotsFolderNamedAfterItsTitleAndThePathIsPrinted() throws Exception {
        Run run = walkingPoint(3);
        PlotTesting p = new PlotTesting(dir, Settings.Pictures.WINDOWS).define("run", run); // WINDOWS, but headless
        Chart chart = (Chart) p.run("animate(run, title=\"Linear data, linear model\")");
        Path expected = dir.resolve("plots").resolve("Linear_data_linear_model.gif");
        assertTrue(Files.isRegularFile(expected));
        assertEquals(3, Images.gif(expected).frames().size());
        assertEquals("wrote " + Path.of("plots", "Linear_data_linear_model.gif") + System.lineSeparator(), p.printed.toString());
        assertEquals(Path.of("plots", "Linear_data_linear_model.gif"), chart.file());
        assertEquals("<chart: animation \"Linear data, linear model\", written to plots/Linear_data_linear_model.gif>", chart.toString());

        p.run("X = [[1, 2], [3, 4]]\nscatter(X, X + 1, title=\"Scatterplot of X and y\")");
        assertTrue(Files.isRegularFile(dir.resolve("plots").resolve("Scatterplot_of_X_and_y.png")));
        p.run("scatter(X, X + 1)");
        assertTrue(Files.isRegularFile(dir.resolve("plots").resolve("scatter.png")), "untitled: named after the picture");
    }

    @Test
    void picturesOffDrawsAndWritesNothingButStillChecksTheArguments() throws Exception {
        PlotTesting p = new PlotTesting(dir, Settings.Pictures.OFF).define("run", walkingPoint(3));
        Chart chart = (Chart) p.run("animate(run, title=\"t\", file=\"x.gif\")");
        assertEquals(Chart.Shown.NOWHERE, chart.shown());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
        MlpError e = assertThrows(MlpError.class, () -> p.run("animate(run, file=\"x.jpg\")"));
        assertEquals("an animation file must end in .png, .gif or .html: \"x.jpg\"", e.plainMessage());
        assertEquals(1, e.line());
        assertEquals(19, e.column(), "at the argument's value");
    }

    @Test
    void writingNeverLeavesAHalfWrittenFile() throws Exception {
        Files.createDirectories(dir.resolve("taken.gif").resolve("inside")); // a non-empty folder where the file should go
        PlotTesting p = new PlotTesting(dir, Settings.Pictures.FILES).define("run", walkingPoint(3));
        MlpError e = assertThrows(MlpError.class, () -> p.run("animate(run, file=\"taken.gif\")"));
        assertTrue(e.plainMessage().startsWith("cannot write "), e.plainMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("taken.gif")), files.toList(), "no temporary file is left behind");
        }
        p.run("animate(run, file=\"ok.gif\")");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "only taken.gif and ok.gif");
        }
    }

    @Test
    void scatterDrawsEachCloudInItsColourWhereItsPointsAre() throws Exception {
        PlotTesting p = new PlotTesting(dir, Settings.Pictures.FILES);
        p.run("A = [[0, 0], [1, 1]]\nB = [[0, 1], [1, 0]]\nscatter(A, B, labels=[\"A\", \"B\"], title=\"two\", file=\"two.png\")");
        BufferedImage png = Images.png(dir.resolve("two.png"));
        var ref = StaticCharts.scatter("two", List.of(
                new StaticCharts.Series("A", new double[]{0, 1}, new double[]{0, 1}),
                new StaticCharts.Series("B", new double[]{0, 1}, new double[]{1, 0})));
        PictureFiles.draw(Drawing.of(ref), new BufferedImage(600, 600, BufferedImage.TYPE_INT_RGB));
        assertEquals(600, png.getWidth());
        assertTrue(Images.distance(Images.at(png, ref.getScreenXFromChart(1), ref.getScreenYFromChart(1)), ChartStyle.color(0)) <= 6);
        assertTrue(Images.distance(Images.at(png, ref.getScreenXFromChart(0), ref.getScreenYFromChart(1)), ChartStyle.color(1)) <= 6);
        assertTrue(Images.distance(Images.at(png, ref.getScreenXFromChart(0.5), ref.getScreenYFromChart(0.5)), Color.WHITE) <= 6);
    }

    @Test
    void boundaryColoursThePlaneByThePredictedClass() throws Exception {
        PlotTesting p = new PlotTesting(dir, Settings.Pictures.FILES);
        // class 1 where x0 > 0: a model with two outputs (argmax), and one with a single probability
        p.run("X = [[-2, -1], [-1, 1], [1, -1], [2, 1]]\nlabels = [[0], [0], [1], [1]]\n"
                + "boundary(x -> stack(-x[:, 0], x[:, 0]), X, labels, title=\"halves\", file=\"halves.png\")\n"
                + "boundary(x -> sigmoid(10 * x[:, 0]), X, labels, file=\"one.png\")");
        for (String name : List.of("halves.png", "one.png")) {
            BufferedImage png = Images.png(dir.resolve(name));
            int y = 300;
            Color left = Images.at(png, 150, y), right = Images.at(png, 450, y);
            assertTrue(Images.distance(left, ChartStyle.tint(ChartStyle.color(0), 0.75)) <= 6, name + ": left half " + left);
            assertTrue(Images.distance(right, ChartStyle.tint(ChartStyle.color(1), 0.75)) <= 6, name + ": right half " + right);
        }
    }

    @Test
    void plotDrawsLossCurvesAndLines() throws Exception {
        PlotTesting p = new PlotTesting(dir, Settings.Pictures.FILES).define("run", walkingPoint(3)).define("run2", walkingPoint(3));
        p.run("plot(run, file=\"loss.png\")\nplot(run, run2, labels=[\"a\", \"b\"], file=\"two.png\")\n"
                + "t = linspace(0, 1, 20)\nplot(t, t * t, file=\"line.png\")\nplot(t, file=\"index.png\")");
        for (String name : List.of("loss.png", "two.png", "line.png", "index.png")) {
            BufferedImage png = Images.png(dir.resolve(name));
            assertEquals(700, png.getWidth(), name);
            assertEquals(480, png.getHeight(), name);
            int line = 0;
            for (int y = 0; y < png.getHeight(); y++)
                for (int x = 0; x < png.getWidth(); x++) {
                    Color c = new Color(png.getRGB(x, y));
                    if (Images.distance(c, ChartStyle.color(0)) <= 10 || Images.distance(c, ChartStyle.color(1)) <= 10) line++;
                }
            assertTrue(line > 300, name + " draws a line (" + line + " pixels)");
        }
    }

    @Test
    void infiniteAndNanValuesAreLeftOutNotAnError() throws Exception {
        PlotTesting p = new PlotTesting(dir, Settings.Pictures.FILES);
        p.run("scatter([[1, 2], [1/0, 0], [0/0, 1]], [[2, 3]], file=\"inf.png\")\nplot([1, 1/0, 0/0, 2], file=\"line.png\")");
        assertEquals(600, Images.png(dir.resolve("inf.png")).getWidth());
        assertEquals(700, Images.png(dir.resolve("line.png")).getWidth());
    }

    @Test
    void mistakesAreClearErrorsAtTheArgument() {
        PlotTesting p = new PlotTesting(dir, Settings.Pictures.FILES).define("run", walkingPoint(3));
        record Case(String code, String message, int column) {
        }
        for (Case c : List.of(
                new Case("animate(5)", "animate(run, ...): run must be a run (what train returns), not a number (5)", 9),
                new Case("animate(run, duration=0)", "duration is milliseconds per frame: it must be above 0 and at most 60000, not 0", 23),
                new Case("scatter([[1, 2]], [[1], [2]])", "scatter draws column 0 against column 1, but this tensor (2×1) has only 1 column", 19),
                new Case("scatter([[1, 2]], [[1, 2]], labels=[\"a\"])", "there are 2 series to name but 1 label", 36),
                new Case("scatter([[1, 2]], [[1, 2]], labels=5)", "labels must be a list of strings, e.g. [\"X\", \"y\"], not a number (5)", 36),
                new Case("plot(run, 5)", "plot(run1, run2, ...) compares runs, but this is a number (5)", 11),
                new Case("plot([1, 2], [1, 2, 3])", "plot(x, y): x has 2 values but y (1×3) has 3 points", 14),
                new Case("boundary(x -> x, [[1, 2, 3]], [[0]])", "boundary draws a model of 2 inputs: X must have 2 columns, not (1×3)", 18),
                new Case("boundary(x -> x, [[1, 2]], [[0.5]])", "labels must be class indices 0, 1, 2, ...; found 0.5", 28))) {
            MlpError e = assertThrows(MlpError.class, () -> p.run(c.code()), c.code());
            assertEquals(c.message(), e.plainMessage(), c.code());
            assertEquals(c.column(), e.column(), c.code() + ": column");
        }
    }

    @Test
    void anAnimationNeedsTwoOutputColumnsOrOneInputAndOneOutput() {
        DMatrixRMaj x = new DMatrixRMaj(4, 2), y = new DMatrixRMaj(4, 3);
        Run run = new Run(new Str("m"), x, y, 1);
        run.addLoss(1);
        run.addFrame(0, y.copy());
        PlotTesting p = new PlotTesting(dir, Settings.Pictures.FILES).define("run", run);
        MlpError e = assertThrows(MlpError.class, () -> p.run("animate(run)"));
        assertEquals("an animation draws 2 output columns (column 0 against column 1), or 1 input column against 1 output "
                + "column; this run has X (4×2) and y (4×3)", e.plainMessage());
        assertEquals(9, e.column());
    }

    @Test
    void oneInputAndOneOutputDrawsXAgainstThePrediction() throws Exception {
        DMatrixRMaj x = new DMatrixRMaj(new double[][]{{0}, {1}, {2}}), y = new DMatrixRMaj(new double[][]{{5}, {6}, {7}});
        Run run = Runs.straight(x, y, null, 10, 3);
        new PlotTesting(dir, Settings.Pictures.FILES).define("run", run).run("animate(run, title=\"line\", file=\"line.png\")");
        BufferedImage png = Images.png(dir.resolve("line.png"));
        Timeline t = Timeline.of(run);
        assertEquals("X", t.projection.xTitle());
        AnimationChart ref = reference("line", run, 2);
        for (int r = 0; r < 3; r++) {
            double[] px = pixel(ref, x.get(r, 0), y.get(r, 0)); // the last frame reached the targets
            assertTrue(Images.distance(Images.at(png, px[0], px[1]), ChartStyle.PREDICTIONS) <= 6, "row " + r);
        }
    }

    @Test
    void fileNamesFromTitles() {
        assertEquals("Linear_by_parts_data_MLP_model", PictureFiles.safeName("Linear by parts data, MLP model", "x"));
        assertEquals("x", PictureFiles.safeName("  ", "x"));
        assertEquals("x", PictureFiles.safeName(null, "x"));
        assertEquals("a_b", PictureFiles.safeName("../a/b", "x"));
        assertEquals("Überblick_1.5", PictureFiles.safeName("Überblick: 1.5", "x"));
    }

    @Test
    void gifDelays() {
        assertEquals(20, PictureFiles.gifDelay(1));
        assertEquals(20, PictureFiles.gifDelay(5));
        assertEquals(50, PictureFiles.gifDelay(50));
        assertEquals(1000, PictureFiles.gifDelay(1000));
    }

    @Test
    void theChartValue() {
        PlotTesting p = new PlotTesting(dir, Settings.Pictures.FILES).define("run", walkingPoint(3));
        assertInstanceOf(Chart.class, p.run("animate(run, title=\"t\", file=\"a.gif\")"));
        assertEquals(new Str("a.gif"), p.run("c = animate(run, title=\"t\", file=\"a.gif\")\nc.file"));
        assertEquals(new Str("t"), p.run("c.title"));
        assertFalse(Files.exists(dir.resolve("plots")));
    }
}
