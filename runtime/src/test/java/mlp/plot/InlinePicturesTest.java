package mlp.plot;

import mlp.eval.Interpreter;
import mlp.io.PictureSink;
import mlp.io.Settings;
import mlp.syntax.Source;
import mlp.train.ProgressSink;
import mlp.train.Run;
import mlp.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pictures handed to a host's sink (a notebook): PNG bytes, the HTML player, live pictures, the progress line. */
class InlinePicturesTest {
    @TempDir
    Path dir;

    /** What a host received. */
    static final class Recorder implements PictureSink {
        final List<byte[]> stills = new ArrayList<>();
        final List<PictureSink.Animation> animations = new ArrayList<>();
        final List<byte[]> liveFrames = new ArrayList<>();
        final List<PictureSink.Animation> liveEnds = new ArrayList<>();
        final List<String> liveTitles = new ArrayList<>();

        @Override
        public void still(String what, String title, byte[] png) {
            stills.add(png);
        }

        @Override
        public void animation(PictureSink.Animation animation) {
            animations.add(animation);
        }

        @Override
        public LivePicture live(String title) {
            liveTitles.add(title);
            return new LivePicture() {
                @Override
                public void frame(byte[] png) {
                    liveFrames.add(png);
                }

                @Override
                public void finished(PictureSink.Animation animation) {
                    liveEnds.add(animation);
                }
            };
        }
    }

    private final Recorder sink = new Recorder();
    private final List<String> lines = new ArrayList<>();
    private final List<Boolean> done = new ArrayList<>();

    private Interpreter interpreter() {
        return new Interpreter(new Settings()
                .out(new PrintWriter(new StringWriter(), true))
                .progress(null)
                .pictures(sink)
                .progressSink((ProgressSink) (line, last) -> {
                    lines.add(line);
                    done.add(last);
                })
                .fileRoot(dir)
                .workingDir(dir));
    }

    private Value run(Interpreter i, String code) {
        return i.run(new Source("test.mlp", code));
    }

    private static BufferedImage png(byte[] bytes) throws IOException {
        assertEquals("\u0089PNG", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void aStillPictureReachesTheSinkAsPngAndTouchesNoFile() throws IOException {
        Interpreter i = interpreter();
        Chart chart = (Chart) run(i, "scatter([[1, 2], [3, 4]], [[2, 2], [0, 1]], title=\"two\")");
        assertEquals(Chart.Shown.INLINE, chart.shown());
        assertEquals("<chart: scatter \"two\", shown inline>", chart.toString());
        assertEquals(1, sink.stills.size());
        BufferedImage image = png(sink.stills.get(0));
        assertEquals(ChartStyle.WIDTH, image.getWidth());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    /** The player's frames: x, y pixel pairs in eighths, little-endian, decoded from its script. */
    private static short[] playerFrames(String html) {
        Matcher m = Pattern.compile("atob\\('([A-Za-z0-9+/=]*)'\\)").matcher(html);
        assertTrue(m.find(), "the frames are in the page");
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(m.group(1))).order(ByteOrder.LITTLE_ENDIAN);
        short[] out = new short[b.remaining() / 2];
        for (int k = 0; k < out.length; k++) out[k] = b.getShort();
        return out;
    }

    @Test
    void theAnimationsPlayerDrawsEachFramesPointsWhereTheGifDoes() throws IOException {
        Run run = PictureFilesTest.walkingPoint(5);
        Interpreter i = interpreter();
        i.globals().define("run", run);
        Chart chart = (Chart) run(i, "animate(run, title=\"walk\")");
        assertEquals(Chart.Shown.INLINE, chart.shown());
        PictureSink.Animation a = sink.animations.get(0);
        assertEquals(5, a.frames());
        String html = a.html();
        assertTrue(html.contains("<canvas") && html.contains("mlp-play") && html.contains("mlp-slider"), html);
        assertFalse(html.contains("http:") || html.contains("https:") || html.contains("<script src"), "nothing from the network");
        assertTrue(html.contains("'epoch 400 / 400    loss 0.02500'"), "each frame's caption");
        short[] frames = playerFrames(html);
        assertEquals(5 * 4 * 2, frames.length, "5 frames of 4 points, x and y");
        for (int k = 0; k < 5; k++) {
            AnimationChart reference = PictureFilesTest.reference("walk", run, k);
            double t = k / 4.0, walker = 2.3 + 5.4 * t;
            double[] px = PictureFilesTest.pixel(reference, walker, walker);
            assertEquals(px[0], frames[k * 8] / 8.0, 0.07, "frame " + k + " x");
            assertEquals(px[1], frames[k * 8 + 1] / 8.0, 0.07, "frame " + k + " y");
        }
    }

    private static final String SPIRAL = """
            seed(0)
            n = 100
            t = sqrt(rand(n, 1)) * 2 * pi
            a = stack(t * cos(t), t * sin(t)) / (2 * pi)
            X = cat(a, -a) + 0.02 * randn(2 * n, 2)
            y = cat(zeros(n, 1), ones(n, 1))
            run = train(mlp(2, 24, 24, 2), X, y, loss=cross_entropy, lr=0.01, epochs=300, frames=5)
            """;

    @Test
    void aClassifiersPlayerCarriesEachFramesRegionsAsTheGifDrawsThem() throws IOException {
        Interpreter i = interpreter();
        run(i, SPIRAL + "animate(run, title=\"spiral\")");
        Run run = (Run) i.globals().lookup("run");
        PictureSink.Animation a = sink.animations.get(0);
        String html = a.html();
        assertFalse(html.contains("http:") || html.contains("https:") || html.contains("<script src"), "nothing from the network");
        // one small PNG of the regions per frame, one pixel a cell
        Matcher m = Pattern.compile("'(iVBOR[A-Za-z0-9+/=]*)'").matcher(html);
        List<BufferedImage> regions = new ArrayList<>();
        int bytes = 0;
        while (m.find()) {
            byte[] png = Base64.getDecoder().decode(m.group(1));
            bytes += png.length;
            regions.add(png(png));
        }
        int n = run.grid().cells();
        assertEquals(5, regions.size(), "a region layer per frame");
        assertEquals(n, regions.get(0).getWidth());
        assertTrue(bytes < 5 * 2000, "the region layers are small: " + bytes + " bytes");
        Matcher b = Pattern.compile("var regionBox = \\[(-?\\d+),(-?\\d+),(\\d+),(\\d+)\\]").matcher(html);
        assertTrue(b.find(), "where the regions go");
        int bx = Integer.parseInt(b.group(1)), by = Integer.parseInt(b.group(2)), bw = Integer.parseInt(b.group(3)), bh = Integer.parseInt(b.group(4));
        assertTrue(html.contains("var classes = [0,0,"), "the points' classes");
        assertEquals(200 * 2, playerFrames(html).length, "the points (the inputs) stay put: their positions travel once");

        // the regions form: the first frame's layer and the last's differ in many cells
        int changed = 0;
        for (int x = 0; x < n; x++)
            for (int y = 0; y < n; y++) if (regions.get(0).getRGB(x, y) != regions.get(4).getRGB(x, y)) changed++;
        assertTrue(changed > n * n / 10, changed + " cells changed");

        // and each frame's layer, stretched over its box, has the GIF's colours where no point lies
        List<BufferedImage> gif = PictureFilesTest.raw(Images.gif(writeGif(a)));
        assertEquals(5, gif.size());
        int checked = 0;
        for (int k = 0; k < 5; k++)
            for (int ci = 1; ci < n; ci += 4)
                for (int cj = 1; cj < n; cj += 4) {
                    double x = run.grid().x(ci), y = run.grid().y(cj);
                    boolean nearPoint = false;
                    for (int r = 0; r < run.x().numRows; r++)
                        nearPoint |= Math.hypot(run.x().get(r, 0) - x, run.x().get(r, 1) - y) < 0.08;
                    if (nearPoint) continue;
                    int row = n - 1 - cj; // image rows go down
                    java.awt.Color want = new java.awt.Color(regions.get(k).getRGB(ci, row));
                    java.awt.Color got = Images.at(gif.get(k), bx + (ci + 0.5) * bw / n, by + (row + 0.5) * bh / n);
                    assertTrue(Images.distance(got, want) <= 8, "frame " + k + " cell (" + ci + ", " + cj + "): GIF " + got + ", player " + want);
                    checked++;
                }
        assertTrue(checked > 100, checked + " cells checked");
    }

    private Path writeGif(PictureSink.Animation a) throws IOException {
        Path gif = dir.resolve("regions.gif");
        Files.write(gif, a.gif(a.frames(), ChartStyle.WIDTH));
        return gif;
    }

    @Test
    void aPlayerOfARunWithoutRegionsCarriesNone() {
        Interpreter i = interpreter();
        i.globals().define("run", PictureFilesTest.walkingPoint(5));
        run(i, "animate(run)");
        String html = sink.animations.get(0).html();
        assertTrue(html.contains("var regions = null, classes = null;"), "no region layer");
        assertFalse(html.substring(html.indexOf("<script")).contains("iVBOR"), "no picture in the script");
    }

    @Test
    void theFallbackGifIsSmallAndTheLastFrameAPng() throws IOException {
        Run run = PictureFilesTest.walkingPoint(9);
        Interpreter i = interpreter();
        i.globals().define("run", run);
        run(i, "animate(run)");
        PictureSink.Animation a = sink.animations.get(0);
        Path gif = dir.resolve("fallback.gif");
        Files.write(gif, a.gif(3, 300));
        Images.Gif read = Images.gif(gif);
        assertEquals(3, read.frames().size(), "at most 3 frames: first, middle, last");
        assertEquals(300, read.frames().get(0).getWidth());
        assertEquals(ChartStyle.WIDTH, png(a.png()).getWidth());
    }

    @Test
    void animateToAnHtmlFileWritesTheSamePlayerAsAPage() throws IOException {
        Run run = PictureFilesTest.walkingPoint(5);
        Interpreter i = interpreter();
        i.globals().define("run", run);
        Chart chart = (Chart) run(i, "animate(run, title=\"walk\", file=\"walk.html\")");
        assertEquals(Chart.Shown.FILE, chart.shown());
        String page = Files.readString(dir.resolve("walk.html"));
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<title>walk</title>"), page.substring(0, 200));
        assertEquals(5 * 8, playerFrames(page).length);
        assertTrue(sink.animations.isEmpty(), "a named file is not also shown inline");
    }

    @Test
    void liveTrainingShowsAPictureAtOnceAndTheRunsAnimationAtTheEnd() throws IOException {
        Interpreter i = interpreter();
        run(i, "seed(1); X = randn(20, 2); rl = train(linear(2, 2), X, X * 2, epochs=50, live=true, progress=false)");
        assertEquals(1, sink.liveTitles.size());
        assertFalse(sink.liveFrames.isEmpty(), "a picture as training starts");
        assertEquals(ChartStyle.WIDTH, png(sink.liveFrames.get(0)).getWidth());
        assertEquals(1, sink.liveEnds.size());
        assertNotNull(sink.liveEnds.get(0), "the run's animation at the end");
        assertTrue(sink.liveEnds.get(0).html().contains("epoch 50 / 50"));
    }

    @Test
    void theProgressLineGoesToTheSinkEndingWithOneFinalLine() {
        Interpreter i = interpreter();
        run(i, "seed(1); X = randn(20, 2); r = train(linear(2, 2), X, X, epochs=30)");
        assertTrue(lines.size() >= 2, "a line at the start, one at the end: " + lines);
        assertTrue(lines.get(0).startsWith("  0%|"), lines.get(0));
        assertEquals(1, done.stream().filter(d -> d).count(), "one final line");
        assertTrue(done.get(done.size() - 1));
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("100%|██████████| 30/30 [") && last.contains("it/s, loss="), last);
        run(i, "r = train(linear(2, 2), X, X, epochs=5, progress=false)");
        assertEquals(1, done.stream().filter(d -> d).count(), "progress=false sends nothing");
    }
}
