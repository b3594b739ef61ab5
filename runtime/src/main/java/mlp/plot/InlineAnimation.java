package mlp.plot;

import mlp.io.PictureSink;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.function.IntUnaryOperator;

/**
 * An animation handed to a {@link PictureSink}: the same frames as {@code animate}'s window, as
 * a self-contained HTML player, an animated GIF or a PNG of the last frame.
 */
final class InlineAnimation implements PictureSink.Animation {
    private final String title;
    private final Timeline timeline;
    private final double durationMs;

    InlineAnimation(String title, Timeline timeline, double durationMs) {
        this.title = title == null ? "" : title;
        this.timeline = timeline;
        this.durationMs = durationMs;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public int frames() {
        return timeline.size();
    }

    @Override
    public String html() {
        return HtmlPlayer.html(title, timeline, durationMs);
    }

    @Override
    public String page() {
        return HtmlPlayer.page(title, timeline, durationMs);
    }

    @Override
    public byte[] gif(int maxFrames, int width) {
        int n = timeline.size(), shown = Math.max(2, Math.min(n, maxFrames));
        IntUnaryOperator frame = n <= shown ? k -> k : k -> (int) Math.round(k * (n - 1) / (double) (shown - 1));
        int count = Math.min(n, shown);
        AnimationChart chart = AnimationChart.of(title, timeline, ChartStyle.WIDTH, ChartStyle.HEIGHT);
        Drawing scaled = scaled(chart, Math.max(50, Math.min(width, chart.width())));
        double delay = durationMs * n / count;
        return PictureFiles.bytes(out -> PictureFiles.gif(scaled, count, k -> chart.show(timeline, frame.applyAsInt(k)), delay, out));
    }

    /** {@code chart} drawn at {@code width} pixels wide (and as high as its shape says). */
    private static Drawing scaled(Drawing chart, int width) {
        int height = (int) Math.round(chart.height() * (double) width / chart.width());
        return new Drawing() {
            @Override
            public int width() {
                return width;
            }

            @Override
            public int height() {
                return height;
            }

            @Override
            public void paint(Graphics2D g, int w, int h) {
                AffineTransform before = g.getTransform();
                g.scale(w / (double) chart.width(), h / (double) chart.height());
                chart.paint(g, chart.width(), chart.height());
                g.setTransform(before);
            }
        };
    }

    @Override
    public byte[] png() {
        AnimationChart chart = AnimationChart.of(title, timeline, ChartStyle.WIDTH, ChartStyle.HEIGHT);
        chart.show(timeline, timeline.size() - 1);
        return PictureFiles.pngBytes(chart);
    }
}
