package mlp.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.List;

/** The still pictures: point clouds, loss curves, lines, a classifier's regions. */
public final class StaticCharts {
    private StaticCharts() {
    }

    /** One named set of (x, y) points or one line; infinite values are left out like NaN. */
    public record Series(String name, double[] xs, double[] ys) {
        public Series {
            xs = finite(xs);
            ys = finite(ys);
        }
    }

    /** A copy with ±infinity as NaN: XChart skips NaN, and refuses infinity. */
    static double[] finite(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) if (Double.isInfinite(out[i])) out[i] = Double.NaN;
        return out;
    }

    public static XYChart scatter(String title, List<Series> clouds) {
        XYChart chart = ChartStyle.scatterChart(title, "column 0", "column 1");
        for (int i = 0; i < clouds.size(); i++) {
            Series s = clouds.get(i);
            chart.addSeries(s.name(), s.xs(), s.ys()).setMarker(SeriesMarkers.CIRCLE).setMarkerColor(ChartStyle.color(i));
        }
        chart.getStyler().setLegendVisible(clouds.size() > 1);
        return chart;
    }

    /** Lines without markers; {@code logY} draws the y axis on a log scale. */
    public static XYChart lines(String title, String xTitle, String yTitle, List<Series> lines, boolean logY) {
        XYChart chart = ChartStyle.xyChart(title, xTitle, yTitle, 700, 480);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setYAxisLogarithmic(logY);
        for (int i = 0; i < lines.size(); i++) {
            Series s = lines.get(i);
            XYSeries series = chart.addSeries(s.name(), s.xs(), s.ys());
            series.setMarker(SeriesMarkers.NONE).setLineColor(ChartStyle.color(i));
            series.setLineWidth(2f);
        }
        chart.getStyler().setLegendVisible(lines.size() > 1);
        Series first = lines.get(0);
        ChartStyle.roundXTicks(chart, first.xs(), first.ys()[0]);
        return chart;
    }

    /**
     * A classifier's picture: the plane tiled by the predicted class of each grid cell (light
     * tints), and the points coloured by their true class on top.
     *
     * @param gridClass the predicted class of cell (i, j), row-major with i along x
     */
    public static XYChart boundary(String title, Range x, Range y, int cells, int[] gridClass, double[][] points, int[] labels) {
        XYChart chart = ChartStyle.scatterChart(title, "X[:, 0]", "X[:, 1]");
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setXAxisMin(x.min()).setXAxisMax(x.max());
        chart.getStyler().setYAxisMin(y.min()).setYAxisMax(y.max());
        double dx = (x.max() - x.min()) / cells, dy = (y.max() - y.min()) / cells;
        Tile tile = new Tile(chart, dx, dy);
        int classes = 0;
        for (int c : gridClass) classes = Math.max(classes, c + 1);
        for (int c : labels) classes = Math.max(classes, c + 1);
        for (int c = 0; c < classes; c++) {
            int n = 0;
            for (int g : gridClass) if (g == c) n++;
            if (n == 0) continue;
            double[] xs = new double[n], ys = new double[n];
            int k = 0;
            for (int i = 0; i < cells; i++)
                for (int j = 0; j < cells; j++)
                    if (gridClass[i * cells + j] == c) {
                        xs[k] = x.min() + (i + 0.5) * dx;
                        ys[k++] = y.min() + (j + 0.5) * dy;
                    }
            XYSeries region = chart.addSeries("region " + c, xs, ys);
            region.setMarker(tile).setMarkerColor(ChartStyle.tint(ChartStyle.color(c), 0.75));
            region.setShowInLegend(false);
        }
        for (int c = 0; c < classes; c++) {
            int n = 0;
            for (int l : labels) if (l == c) n++;
            if (n == 0) continue;
            double[] xs = new double[n], ys = new double[n];
            int k = 0;
            for (int r = 0; r < labels.length; r++)
                if (labels[r] == c) {
                    xs[k] = Double.isFinite(points[r][0]) ? points[r][0] : Double.NaN;
                    ys[k++] = Double.isFinite(points[r][1]) ? points[r][1] : Double.NaN;
                }
            chart.addSeries("class " + c, xs, ys).setMarker(SeriesMarkers.CIRCLE).setMarkerColor(ChartStyle.color(c));
        }
        return chart;
    }
}
