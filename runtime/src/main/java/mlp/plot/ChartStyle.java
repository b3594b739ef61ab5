package mlp.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;

/** The one look of every picture: white, light grid, readable fonts, distinct colours. */
final class ChartStyle {
    private ChartStyle() {
    }

    /** The size of an animation or scatter (the notebook's 600×600). */
    static final int WIDTH = 600;
    static final int HEIGHT = 600;
    private static final int PADDING = 12;

    /** Matplotlib's first colours (tab10): distinct, and readable by most colour-blind eyes. */
    static final Color[] COLORS = {
            new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
            new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
            new Color(188, 189, 34), new Color(23, 190, 207)};

    static final Color PREDICTIONS = COLORS[0];
    static final Color TARGETS = COLORS[1];

    static Color color(int i) {
        return COLORS[i % COLORS.length];
    }

    /** {@code c} mixed with white: the light tint that colours a class's region. */
    static Color tint(Color c, double white) {
        return new Color(mix(c.getRed(), white), mix(c.getGreen(), white), mix(c.getBlue(), white));
    }

    private static int mix(int channel, double white) {
        return (int) Math.round(channel * (1 - white) + 255 * white);
    }

    /** Bold 15 pt, or smaller (down to 9 pt) so that a long title fits the chart's width. */
    static Font titleFont(String title, int width) {
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        if (title == null) return font;
        java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, true);
        for (float size = 15; size > 9 && font.getStringBounds(title, frc).getWidth() > width; size -= 0.5f)
            font = font.deriveFont(size - 0.5f);
        return font;
    }

    /** A chart of the house size and look, with a title and axis titles. */
    static XYChart xyChart(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = new XYChart(width, height);
        chart.setTitle(title == null ? "" : title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        XYStyler s = chart.getStyler();
        s.setChartTitleVisible(title != null && !title.isEmpty());
        // XChart centres the title over the plot, which starts after the y axis' labels
        s.setChartTitleFont(titleFont(title, width - 2 * PADDING - 80));
        s.setChartTitleBoxVisible(false);
        s.setChartBackgroundColor(Color.WHITE);
        s.setChartPadding(PADDING);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(190, 190, 190));
        s.setPlotGridLinesColor(new Color(228, 228, 228));
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setAxisTickMarksColor(new Color(150, 150, 150));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setSeriesColors(COLORS);
        s.setMarkerSize(7);
        s.setLocale(Locale.ROOT); // numbers as the language prints them: 0.5, not 0,5
        return chart;
    }

    static XYChart scatterChart(String title, String xTitle, String yTitle) {
        XYChart chart = xyChart(title, xTitle, yTitle, WIDTH, HEIGHT);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        return chart;
    }

    /**
     * XChart puts the x ticks only on the data's own x values when those are equally spaced
     * (epochs 1, 41, 81, ... or 0, 0.4848, 0.9697 for a linspace). One invisible point off that
     * spacing, inside the data, gives back round ticks.
     */
    static void roundXTicks(XYChart chart, double[] xs, double y) {
        if (xs.length < 2 || !(xs[1] != xs[0])) return;
        XYSeries hidden = chart.addSeries(" ", new double[]{xs[0] + (xs[1] - xs[0]) / 3}, new double[]{y});
        hidden.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        hidden.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        hidden.setShowInLegend(false);
    }
}
