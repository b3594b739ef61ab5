package mlp.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;

/**
 * The small loss chart under an animation: the training loss (and the validation loss, when the
 * run has one) of every epoch so far, log scale when every value is above 0, the epoch on show
 * marked by a vertical line and a dot on each curve. Drawn by hand, not by XChart: it changes
 * every frame, and a frame must cost a fraction of a millisecond (a GIF of 100 frames, a live
 * window 30 times a second).
 */
final class LossPanel {
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color AXIS = new Color(120, 120, 120);
    private static final Color GRID = new Color(230, 230, 230);
    private static final Color MARK = new Color(90, 90, 90);
    static final Color TRAIN = ChartStyle.COLORS[0];
    static final Color VAL = ChartStyle.COLORS[3];

    private double[] loss = new double[0];
    private double[] val;        // null: no validation loss
    private int count;           // epochs recorded (loss[0 .. count))
    private int totalEpochs = 1;
    private int marked;          // the epoch on show (1-based), 0: the start

    /** The curves: {@code loss[e]} (and {@code val[e]}, or null) for epochs 1 .. count; arrays are kept, not copied. */
    void curves(double[] loss, double[] val, int count, int totalEpochs) {
        this.loss = loss;
        this.val = val;
        this.count = Math.min(count, loss.length);
        this.totalEpochs = Math.max(1, totalEpochs);
    }

    void mark(int epoch) {
        marked = epoch;
    }

    int marked() {
        return marked;
    }

    /** Draws the panel in the rectangle (x, y, w, h) of {@code g}. */
    void paint(Graphics2D g, int x, int y, int w, int h) {
        g.setColor(Color.WHITE);
        g.fillRect(x, y, w, h);
        Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        Object ta = g.getRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(FONT);
        FontMetrics fm = g.getFontMetrics();
        int left = x + 62, right = x + w - 16, top = y + 8 + fm.getHeight(), bottom = y + h - 6 - fm.getHeight();
        if (right - left < 20 || bottom - top < 20) return;

        // the value range, over both curves
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        boolean positive = true;
        for (int e = 0; e < count; e++) {
            for (double v : val == null ? new double[]{loss[e]} : new double[]{loss[e], val[e]}) {
                if (!Double.isFinite(v)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                if (v <= 0) positive = false;
            }
        }
        boolean log = positive;
        if (!(lo <= hi)) { lo = log ? 0.1 : 0; hi = 1; }
        double a = log ? Math.log10(lo) : lo, b = log ? Math.log10(hi) : hi;
        if (b - a < 1e-12) { a -= log ? 0.5 : Math.max(1e-12, Math.abs(a) * 0.1); b += log ? 0.5 : Math.max(1e-12, Math.abs(b) * 0.1); }
        double pad = (b - a) * 0.06;
        a -= pad;
        b += pad;
        final double va = a, vb = b;
        java.util.function.DoubleUnaryOperator sy = v -> {
            double t = log ? Math.log10(v) : v;
            return bottom - (t - va) / (vb - va) * (bottom - top);
        };
        java.util.function.IntToDoubleFunction sx = e -> left + (double) e / totalEpochs * (right - left);

        // grid lines and labels: decades on a log axis, else the ends and the middle
        g.setColor(GRID);
        java.util.List<Double> ticks = new java.util.ArrayList<>();
        boolean decades = false;
        if (log) {
            for (int k = (int) Math.ceil(a); k <= Math.floor(b); k++) ticks.add(Double.parseDouble("1e" + k));
            decades = ticks.size() >= 2;
            if (ticks.size() < 2) { ticks.clear(); ticks.add(Math.pow(10, a + pad)); ticks.add(Math.pow(10, b - pad)); }
        } else {
            ticks.add(a + pad);
            ticks.add((a + b) / 2);
            ticks.add(b - pad);
        }
        for (double t : ticks) {
            int ty = (int) Math.round(sy.applyAsDouble(t));
            g.setColor(GRID);
            g.drawLine(left, ty, right, ty);
            String label = decades ? mlp.value.Format.number(t) : Timeline.formatLoss(t);
            g.setColor(AXIS);
            g.drawString(label, left - 6 - fm.stringWidth(label), ty + fm.getAscent() / 2 - 1);
        }
        g.setColor(AXIS);
        g.drawRect(left, top, right - left, bottom - top);
        String first = "0", last = String.valueOf(totalEpochs);
        g.drawString(first, left - fm.stringWidth(first) / 2, bottom + fm.getAscent() + 3);
        g.drawString(last, Math.min(right - fm.stringWidth(last) / 2, x + w - 2 - fm.stringWidth(last)), bottom + fm.getAscent() + 3);
        String axis = "epoch";
        g.drawString(axis, (left + right - fm.stringWidth(axis)) / 2, bottom + fm.getAscent() + 3);

        // the curves, at most about two points a pixel
        Stroke stroke = g.getStroke();
        g.setStroke(new BasicStroke(1.6f));
        int stride = Math.max(1, count / Math.max(1, 2 * (right - left)));
        curve(g, loss, TRAIN, stride, sx, sy);
        if (val != null) curve(g, val, VAL, stride, sx, sy);
        g.setStroke(stroke);

        // the epoch on show
        if (marked >= 1 && marked <= count) {
            int mx = (int) Math.round(sx.applyAsDouble(marked));
            g.setColor(MARK);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{3f, 3f}, 0f));
            g.drawLine(mx, top, mx, bottom);
            g.setStroke(stroke);
            dot(g, mx, loss[marked - 1], TRAIN, sy);
            if (val != null) dot(g, mx, val[marked - 1], VAL, sy);
        }

        // the legend, top right
        int lx = right;
        String[] names = val == null ? new String[]{"loss"} : new String[]{"loss", "validation"};
        Color[] colours = {TRAIN, VAL};
        for (int i = names.length - 1; i >= 0; i--) {
            lx -= fm.stringWidth(names[i]);
            g.setColor(colours[i]);
            g.drawString(names[i], lx, y + 4 + fm.getAscent());
            lx -= 14;
            g.fillRect(lx, y + 4 + fm.getAscent() / 2, 10, 3);
            lx -= 10;
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, ta);
    }

    private void curve(Graphics2D g, double[] v, Color c, int stride, java.util.function.IntToDoubleFunction sx,
                       java.util.function.DoubleUnaryOperator sy) {
        Path2D.Double path = new Path2D.Double();
        boolean open = false;
        for (int e = 0; e < count; e += stride) {
            int i = Math.min(count - 1, e);
            double value = v[i];
            if (!Double.isFinite(value) || (value <= 0 && isLog(sy))) { open = false; continue; }
            double px = sx.applyAsDouble(i + 1), py = sy.applyAsDouble(value);
            if (open) path.lineTo(px, py);
            else path.moveTo(px, py);
            open = true;
        }
        if (count > 0 && (count - 1) % stride != 0 && Double.isFinite(v[count - 1]) && open)
            path.lineTo(sx.applyAsDouble(count), sy.applyAsDouble(v[count - 1]));
        g.setColor(c);
        g.draw(path);
    }

    private static boolean isLog(java.util.function.DoubleUnaryOperator sy) {
        return Double.isNaN(sy.applyAsDouble(-1));
    }

    private static void dot(Graphics2D g, int x, double v, Color c, java.util.function.DoubleUnaryOperator sy) {
        if (!Double.isFinite(v)) return;
        double y = sy.applyAsDouble(v);
        if (!Double.isFinite(y)) return;
        g.setColor(c);
        g.fill(new Ellipse2D.Double(x - 3.5, y - 3.5, 7, 7));
    }
}
