package mlp.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.Marker;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

/**
 * A marker that is one cell of a grid: a filled rectangle as wide and tall as a grid step on
 * screen, so a grid of them colours the plane (the regions of {@code boundary}).
 */
final class Tile extends Marker {
    private final XYChart chart;
    private final double dx;
    private final double dy;

    /** Cells of dx × dy in the chart's data units. */
    Tile(XYChart chart, double dx, double dy) {
        this.chart = chart;
        this.dx = dx;
        this.dy = dy;
    }

    @Override
    public void paint(Graphics2D g, double x, double y, int markerSize) {
        double w = Math.abs(chart.getScreenXFromChart(dx) - chart.getScreenXFromChart(0)) + 1;
        double h = Math.abs(chart.getScreenYFromChart(dy) - chart.getScreenYFromChart(0)) + 1;
        g.fill(new Rectangle2D.Double(x - w / 2, y - h / 2, w, h));
    }
}
