package mlp.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import mlp.train.DecisionGrid;

/**
 * The animation's picture, one frame at a time: the targets in one colour, a frame's predictions
 * over them in another, the epoch and loss in the corner, the axes pinned. Shared by the window,
 * the live window and the GIF writer, so all three look the same.
 *
 * <p>XChart draws what stays (title, axes, legend, targets) once into an image; each frame then
 * costs only that image and a few hundred dots. (XChart redrawing everything takes 5 to 100 ms a
 * frame: too slow to replay at 1 ms a frame, and a live window would take it from training.)
 */
final class AnimationChart implements Drawing {
    static final String PREDICTIONS = "predictions";
    static final String TARGETS = "targets";
    private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    /** The room between the title and the plot where the caption goes (never over the points). */
    private static final int CAPTION_BAND = 24;
    /** The part of the plot the axis range spans (XChart's default). */
    private static final double CONTENT = 0.92;

    /** The loss panel's share of a picture's height (160 px under a 600 px scatter). */
    static final int PANEL_HEIGHT = 160;

    private final XYChart chart;
    private final int width;
    private int height;          // the whole picture: the scatter, and the loss panel under it when there is one
    private final int chartHeight; // the scatter's part
    private LossPanel panel;     // null: no loss panel
    private double content = CONTENT;
    // a classification run: the regions under the points, the points coloured by class
    private DecisionGrid grid;
    private int[] pointClass;
    private double[] cells;
    private BufferedImage cellImage;
    private final java.util.List<String> legendOnly = new java.util.ArrayList<>(java.util.List.of(PREDICTIONS));
    private double[] xs = new double[0];
    private double[] ys = new double[0];
    private String caption = "";
    private Range xAxis = new Range(-1, 1);
    private Range yAxis = new Range(-1, 1);

    // what XChart drew, and how data maps to its pixels (valid while background != null)
    private BufferedImage background;
    private int backgroundW;
    private int backgroundH;
    private double x0, kx, y0, ky;
    private Rectangle captionBox = new Rectangle();
    private int captionBaseline;

    AnimationChart(String title, Projection projection, double[] targetXs, double[] targetYs, int width, int height) {
        this.width = width;
        this.height = height;
        this.chartHeight = height;
        // an untitled animation still gets the title's band: the caption sits under it
        chart = ChartStyle.xyChart(title == null || title.isBlank() ? " " : title, projection.xTitle(), projection.yTitle(), width, height);
        chart.getStyler().setChartTitleVisible(true);
        chart.getStyler().setChartTitlePadding(CAPTION_BAND);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setPlotContentSize(CONTENT);
        chart.addSeries(TARGETS, StaticCharts.finite(targetXs), StaticCharts.finite(targetYs)).setMarker(SeriesMarkers.CIRCLE).setMarkerColor(ChartStyle.TARGETS);
        // the predictions are drawn by paint(); XChart only shows them in the legend (its one
        // point lies outside the axes, where XChart does not draw)
        chart.addSeries(PREDICTIONS, new double[]{0}, new double[]{0}).setMarker(SeriesMarkers.CIRCLE).setMarkerColor(ChartStyle.PREDICTIONS);
        if (projection.inputAlongX()) ChartStyle.roundXTicks(chart, targetXs, targetYs[0]);
        axes(Range.EMPTY.include(targetXs), Range.EMPTY.include(targetYs));
    }

    /** The chart for a whole run, axes fixed from every frame and the targets. */
    static AnimationChart of(String title, Timeline t, int width, int height) {
        AnimationChart c = new AnimationChart(title, t.projection, t.targetXs, t.targetYs, width, height);
        c.withLossPanel();
        c.panel.curves(t.epochLosses, t.epochValLosses, t.epochLosses.length, t.totalEpochs);
        if (t.grid != null) c.regions(t.grid, t.labels);
        else c.axes(t.xRange(), t.yRange());
        return c;
    }

    /** Adds the loss panel under the scatter (the picture grows by {@link #PANEL_HEIGHT}). */
    AnimationChart withLossPanel() {
        if (panel == null) {
            panel = new LossPanel();
            height = chartHeight + PANEL_HEIGHT;
            background = null;
        }
        return this;
    }

    LossPanel lossPanel() {
        return panel;
    }

    /**
     * A classification run's picture: the axes pinned to the grid, each frame's decision regions
     * as tinted cells filling the plot, the points (the inputs) coloured by their class on top.
     */
    void regions(DecisionGrid g, int[] labels) {
        grid = g;
        pointClass = labels;
        content = 1.0;
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.removeSeries(TARGETS);
        chart.removeSeries(PREDICTIONS);
        int classes = 2;
        for (int c : labels) classes = Math.max(classes, c + 1);
        for (int c = 0; c < classes && c < 10; c++)
            chart.addSeries("class " + c, new double[]{0}, new double[]{0}).setMarker(SeriesMarkers.CIRCLE).setMarkerColor(ChartStyle.color(c));
        legendOnly.clear();
        for (int c = 0; c < classes && c < 10; c++) legendOnly.add("class " + c);
        xAxis = null;
        Range rx = new Range(g.xMin(), g.xMax()), ry = new Range(g.yMin(), g.yMax());
        pin(rx, ry);
        cellImage = new BufferedImage(g.cells(), g.cells(), BufferedImage.TYPE_INT_RGB);
    }

    /** The regions to draw under the points (a frame's cells; kept, not copied). */
    void showRegions(double[] cells) {
        this.cells = cells;
    }

    /** Pins the axes to hold these ranges (the picture behind the dots is redrawn when they change). */
    void axes(Range x, Range y) {
        if (grid != null) return; // a classification run's axes are its grid's
        pin(x.padded(0.04), y.padded(0.04));
    }

    private void pin(Range px, Range py) {
        if (px.equals(xAxis) && py.equals(yAxis)) return;
        xAxis = px;
        yAxis = py;
        chart.getStyler().setXAxisMin(px.min()).setXAxisMax(px.max());
        chart.getStyler().setYAxisMin(py.min()).setYAxisMax(py.max());
        double far = 1e3 * Math.max(px.max() - px.min(), py.max() - py.min());
        for (String name : legendOnly) // the legend-only series: one point outside the axes
            chart.updateXYSeries(name, new double[]{px.max() + far}, new double[]{py.max() + far}, null);
        background = null;
    }

    /** The predictions to show (the arrays are kept, not copied) and the caption. */
    void show(double[] xs, double[] ys, String text) {
        this.xs = xs;
        this.ys = ys;
        this.caption = text == null ? "" : text;
    }

    void show(Timeline t, int frame) {
        show(t.xs(frame), t.ys(frame), t.caption(frame));
        cells = t.regions(frame);
        if (panel != null) panel.mark(t.epoch(frame));
    }

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
        AffineTransform t = g.getTransform();
        double scale = Math.max(1, Math.max(t.getScaleX(), t.getScaleY()));
        int bw = (int) Math.ceil(w * scale), bh = (int) Math.ceil(h * scale);
        int top = panel == null ? h : (int) Math.round((double) h * chartHeight / height); // the scatter's part
        int bh2 = (int) Math.ceil(top * scale);
        if (background == null || backgroundW != bw || backgroundH != bh2) drawBackground(w, top, scale, bw, bh2);
        g.drawImage(background, 0, 0, w, top, null);
        if (grid != null && cells != null) paintRegions(g);

        Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(ChartStyle.PREDICTIONS);
        double d = chart.getStyler().getMarkerSize();
        Ellipse2D.Double dot = new Ellipse2D.Double(0, 0, d, d);
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) continue;
            dot.x = screenX(xs[i]) - d / 2;
            dot.y = screenY(ys[i]) - d / 2;
            if (pointClass != null) {
                g.setColor(ChartStyle.color(pointClass[i]));
                g.fill(dot);
                g.setColor(Color.WHITE);
                g.draw(dot);
            } else {
                g.fill(dot);
            }
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
        paintCaption(g);
        if (panel != null) panel.paint(g, 0, top, w, h - top);
    }

    /** The regions: one pixel a cell in a small image, stretched over the grid's part of the plot. */
    private void paintRegions(Graphics2D g) {
        int n = grid.cells();
        fillRegions(cellImage, cells);
        Rectangle box = regionBox();
        Object interpolation = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(cellImage, box.x, box.y, box.x + box.width, box.y + box.height, 0, 0, n, n, null);
        if (interpolation != null) g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
    }

    /** Fills a cells×cells image with a frame's regions in their tints, one pixel a cell (image rows go down, j goes up). */
    private void fillRegions(BufferedImage image, double[] frameCells) {
        int n = grid.cells();
        int[] rgb = ((java.awt.image.DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                rgb[(n - 1 - j) * n + i] = regionColour(frameCells[i * n + j]);
    }

    /** A frame's regions as a new image, one pixel a cell, top row first, in the tints {@link #paint} uses. */
    BufferedImage regionImage(double[] frameCells) {
        BufferedImage image = new BufferedImage(grid.cells(), grid.cells(), BufferedImage.TYPE_INT_RGB);
        fillRegions(image, frameCells);
        return image;
    }

    /** Where the regions are drawn, in pixels (after a paint; a classification chart only). */
    Rectangle regionBox() {
        int x0 = (int) Math.round(screenX(grid.xMin())), x1 = (int) Math.round(screenX(grid.xMax()));
        int y0 = (int) Math.round(screenY(grid.yMax())), y1 = (int) Math.round(screenY(grid.yMin()));
        return new Rectangle(x0, y0, x1 - x0, y1 - y0);
    }

    /** Each point's class (a classification chart), else null. */
    int[] pointClasses() {
        return pointClass;
    }

    /** The tint of a cell: its class's, or for a probability a mix of class 0's and class 1's in 8 steps. */
    private int regionColour(double v) {
        if (!grid.probability()) return regionTints[(int) Math.max(0, Math.min(regionTints.length - 1, v))];
        if (!(v >= 0)) v = 0;
        if (v > 1) v = 1;
        return probabilityTints[(int) Math.min(probabilityTints.length - 1, Math.floor(v * probabilityTints.length))];
    }

    // the tints of the regions (per chart: no array is shared between interpreters)
    private final int[] regionTints = regionTints();
    private final int[] probabilityTints = probabilityTints();

    private static int[] regionTints() {
        int[] tints = new int[ChartStyle.COLORS.length];
        for (int c = 0; c < tints.length; c++) tints[c] = ChartStyle.tint(ChartStyle.color(c), 0.7).getRGB() & 0xffffff;
        return tints;
    }

    private static int[] probabilityTints() {
        int[] probabilityTints = new int[8];
        Color a = ChartStyle.tint(ChartStyle.color(0), 0.6), b = ChartStyle.tint(ChartStyle.color(1), 0.6);
        for (int k = 0; k < probabilityTints.length; k++) {
            double t = (k + 0.5) / probabilityTints.length;
            double w = Math.min(1, Math.abs(t - 0.5) * 2); // pale near 0.5, full tint when sure
            Color c = t < 0.5 ? a : b;
            int r = (int) Math.round(255 + (c.getRed() - 255) * w), gr = (int) Math.round(255 + (c.getGreen() - 255) * w),
                    bl = (int) Math.round(255 + (c.getBlue() - 255) * w);
            probabilityTints[k] = r << 16 | gr << 8 | bl;
        }
        return probabilityTints;
    }

    private void drawBackground(int w, int h, double scale, int bw, int bh) {
        background = new BufferedImage(bw, bh, BufferedImage.TYPE_INT_RGB);
        backgroundW = bw;
        backgroundH = bh;
        Graphics2D b = background.createGraphics();
        try {
            b.scale(scale, scale);
            chart.paint(b, w, h);
        } finally {
            b.dispose();
        }
        // XChart maps linearly between the pinned axis ends: read the map off it once
        double xa = chart.getScreenXFromChart(xAxis.min()), xb = chart.getScreenXFromChart(xAxis.max());
        double ya = chart.getScreenYFromChart(yAxis.min()), yb = chart.getScreenYFromChart(yAxis.max());
        kx = (xb - xa) / (xAxis.max() - xAxis.min());
        x0 = xa - xAxis.min() * kx;
        ky = (yb - ya) / (yAxis.max() - yAxis.min());
        y0 = ya - yAxis.min() * ky;
    }

    /** The epoch and the loss, above the top left corner of the plot, under the title. */
    private void paintCaption(Graphics2D g) {
        String line = caption;
        if (line.isEmpty()) return;
        Object aa = g.getRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(CAPTION_FONT);
        FontMetrics fm = g.getFontMetrics();
        // XChart spreads the axis range over the middle 92% of the plot: its edges are 4% further out
        double left = Math.min(screenX(xAxis.min()), screenX(xAxis.max()));
        double right = Math.max(screenX(xAxis.min()), screenX(xAxis.max()));
        double top = Math.min(screenY(yAxis.min()), screenY(yAxis.max()));
        double bottom = Math.max(screenY(yAxis.min()), screenY(yAxis.max()));
        double margin = (1 - content) / 2 / content;
        int x = (int) Math.round(left - margin * (right - left));
        int baseline = (int) Math.round(top - margin * (bottom - top)) - fm.getDescent() - 4;
        captionBox = new Rectangle(x, baseline - fm.getAscent(), fm.stringWidth(line) + 1, fm.getAscent() + fm.getDescent() + 1);
        captionBaseline = baseline;
        g.setColor(new Color(60, 60, 60));
        g.drawString(line, x, baseline);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, aa);
    }

    /** Where a data x is drawn (after a paint). */
    double screenX(double x) {
        return x0 + x * kx;
    }

    double screenY(double y) {
        return y0 + y * ky;
    }

    XYChart chart() {
        return chart;
    }

    String caption() {
        return caption;
    }

    /** The predictions on show. */
    double[] shownXs() {
        return xs;
    }

    double[] shownYs() {
        return ys;
    }

    /** The baseline of the caption last drawn (its left end is {@code captionBox().x}). */
    int captionBaseline() {
        return captionBaseline;
    }

    /** The diameter of a dot, in pixels. */
    double markerSize() {
        return chart.getStyler().getMarkerSize();
    }

    /** Where the caption was last drawn. */
    Rectangle captionBox() {
        return captionBox;
    }
}
