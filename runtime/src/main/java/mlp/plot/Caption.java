package mlp.plot;

import org.knowm.xchart.internal.chartpart.Annotation;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;

/**
 * A line of text in the top left corner of the plot, on a translucent white box: the epoch and
 * the loss of the frame on show. (XChart's own text panel is placed from the bottom of the chart,
 * which does not stay in the plot's corner when the legend or title change size.)
 */
final class Caption extends Annotation {
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private volatile String text = "";
    private volatile java.awt.Rectangle box = new java.awt.Rectangle();

    Caption() {
        super(true);
    }

    void text(String text) {
        this.text = text == null ? "" : text;
    }

    String text() {
        return text;
    }

    /** Where the caption was last drawn, in pixels. */
    java.awt.Rectangle box() {
        return box;
    }

    @Override
    public void paint(Graphics2D g) {
        String line = text;
        if (!isVisible || line.isEmpty()) return;
        Object aa = g.getRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(FONT);
        FontMetrics fm = g.getFontMetrics();
        int pad = 5;
        int left = Math.min(getXAxisScreenValueForMin(), getXAxisScreenValueForMax()) + 6;
        int top = Math.min(getYAxisScreenValueForMin(), getYAxisScreenValueForMax()) + 6;
        int w = fm.stringWidth(line) + 2 * pad, h = fm.getAscent() + fm.getDescent() + 2 * pad;
        box = new java.awt.Rectangle(left, top, w + 1, h + 1);
        g.setColor(new Color(255, 255, 255, 215));
        g.fillRect(left, top, w, h);
        g.setColor(new Color(200, 200, 200));
        g.drawRect(left, top, w, h);
        g.setColor(new Color(40, 40, 40));
        g.drawString(line, left + pad, top + pad + fm.getAscent());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, aa);
    }
}
