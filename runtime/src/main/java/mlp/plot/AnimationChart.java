package mlp.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The animation's picture, one frame at a time: the targets in one colour, a frame's predictions
 * over them in another, the epoch and loss in the corner, the axes pinned. Shared by the window,
 * the live window and the GIF writer, so all three look the same.
 */
final class AnimationChart {
    static final String PREDICTIONS = "predictions";
    static final String TARGETS = "targets";

    private final XYChart chart;
    private final Caption caption = new Caption();

    AnimationChart(String title, Projection projection, double[] targetXs, double[] targetYs, int width, int height) {
        chart = ChartStyle.xyChart(title, projection.xTitle(), projection.yTitle(), width, height);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        // targets first, so the predictions are drawn over them and can be seen arriving
        XYSeries targets = chart.addSeries(TARGETS, targetXs, targetYs);
        targets.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(ChartStyle.TARGETS);
        XYSeries predictions = chart.addSeries(PREDICTIONS, targetXs, targetYs);
        predictions.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(ChartStyle.PREDICTIONS);
        predictions.setEnabled(false); // until the first frame is shown
        chart.addAnnotation(caption);
        if (projection.inputAlongX()) ChartStyle.roundXTicks(chart, targetXs, targetYs[0]);
    }

    /** The chart for a whole run, axes fixed from every frame and the targets. */
    static AnimationChart of(String title, Timeline t, int width, int height) {
        AnimationChart c = new AnimationChart(title, t.projection, t.targetXs, t.targetYs, width, height);
        c.axes(t.xRange(), t.yRange());
        return c;
    }

    void axes(Range x, Range y) {
        ChartStyle.fixAxes(chart, x, y);
    }

    /** Shows these predictions with this caption (call on the thread that paints). */
    void show(double[] xs, double[] ys, String text) {
        chart.updateXYSeries(PREDICTIONS, xs, ys, null);
        chart.getSeries(PREDICTIONS).setEnabled(true);
        caption.text(text);
    }

    void show(Timeline t, int frame) {
        show(t.xs(frame), t.ys(frame), t.caption(frame));
    }

    XYChart chart() {
        return chart;
    }

    String caption() {
        return caption.text();
    }

    /** Where the caption was last drawn. */
    java.awt.Rectangle captionBox() {
        return caption.box();
    }
}
