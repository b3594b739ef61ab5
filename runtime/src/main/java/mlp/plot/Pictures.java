package mlp.plot;

import mlp.MlpError;
import mlp.io.Settings;
import org.knowm.xchart.XYChart;

import javax.swing.JFrame;

/** Shows a finished picture where its {@link Destination} says: a window, a file, or nowhere. */
public final class Pictures {
    private Pictures() {
    }

    /** A still picture: a window with the chart, or a PNG (or a one-frame GIF). */
    public static Chart still(Destination d, Settings settings, String what, String title, XYChart chart) {
        switch (d.shown) {
            case FILE -> {
                try {
                    if (d.gif) PictureFiles.gif(Drawing.of(chart), 1, k -> { }, 0, d.file);
                    else PictureFiles.png(Drawing.of(chart), d.file);
                } catch (IllegalArgumentException | IllegalStateException e) { // XChart refusing its data
                    throw new MlpError("cannot draw this picture: " + e.getMessage());
                }
                d.written(settings);
            }
            case WINDOW -> Windows.open(() -> {
                JFrame frame = new JFrame(title == null || title.isEmpty() ? "mlp" : title);
                frame.add(new ChartPanel(Drawing.of(chart)));
                return frame;
            });
            case NOWHERE -> { }
        }
        return new Chart(what, title, d.shown, d.display(settings));
    }

    /** An animation: a window that plays it, a GIF of every frame, or a PNG of the last frame. */
    public static Chart animation(Destination d, Settings settings, String title, Timeline t, double durationMs) {
        switch (d.shown) {
            case FILE -> {
                AnimationChart chart = AnimationChart.of(title, t, ChartStyle.WIDTH, ChartStyle.HEIGHT);
                if (d.gif) {
                    PictureFiles.gif(chart, t.size(), k -> chart.show(t, k), durationMs, d.file);
                } else {
                    chart.show(t, t.size() - 1);
                    PictureFiles.png(chart, d.file);
                }
                d.written(settings);
            }
            case WINDOW -> Windows.open(() -> {
                AnimationWindow w = AnimationWindow.of(title, t, durationMs);
                w.playWhenOpened();
                return w.frame();
            });
            case NOWHERE -> { }
        }
        return new Chart("animation", title, d.shown, d.display(settings));
    }
}
