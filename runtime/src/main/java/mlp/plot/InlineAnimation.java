package mlp.plot;

import java.util.function.IntUnaryOperator;

/**
 * An animation handed to a {@link PictureSink}: the same frames as {@code animate}'s window, as
 * a self-contained HTML player, an animated GIF or a PNG of the last frame. Each is made when
 * asked for (on the caller's thread), so a host pays only for the forms it shows.
 */
public final class InlineAnimation {
    private final String title;
    private final Timeline timeline;
    private final double durationMs;

    InlineAnimation(String title, Timeline timeline, double durationMs) {
        this.title = title == null ? "" : title;
        this.timeline = timeline;
        this.durationMs = durationMs;
    }

    public String title() {
        return title;
    }

    /** How many frames the run kept. */
    public int frames() {
        return timeline.size();
    }

    /** The player: one HTML fragment with its picture and script inline (no network), play/pause, a slider, epoch and loss. */
    public String html() {
        return HtmlPlayer.html(title, timeline, durationMs);
    }

    /** A whole HTML page holding the player (what {@code animate(run, file="x.html")} writes). */
    public String page() {
        return HtmlPlayer.page(title, timeline, durationMs);
    }

    /**
     * An animated GIF of at most {@code maxFrames} frames, evenly spaced (first and last
     * included), each shown as long as the frames it stands for together.
     */
    public byte[] gif(int maxFrames) {
        int n = timeline.size(), shown = Math.max(2, Math.min(n, maxFrames));
        IntUnaryOperator frame = n <= shown ? k -> k : k -> (int) Math.round(k * (n - 1) / (double) (shown - 1));
        int count = Math.min(n, shown);
        AnimationChart chart = AnimationChart.of(title, timeline, ChartStyle.WIDTH, ChartStyle.HEIGHT);
        double delay = durationMs * n / count;
        return PictureFiles.bytes(out -> PictureFiles.gif(chart, count, k -> chart.show(timeline, frame.applyAsInt(k)), delay, out));
    }

    /** The last frame, as PNG. */
    public byte[] png() {
        AnimationChart chart = AnimationChart.of(title, timeline, ChartStyle.WIDTH, ChartStyle.HEIGHT);
        chart.show(timeline, timeline.size() - 1);
        return PictureFiles.pngBytes(chart);
    }
}
