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
