package mlp.plot;

import javax.swing.JPanel;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * A Swing panel showing a chart. The chart is drawn into an image in memory and the image is
 * copied to the screen in one step, rather than XChart sending its many anti-aliased shapes to
 * the screen (through the X server on Linux) one by one.
 */
final class ChartPanel extends JPanel {
    private final Drawing chart;
    private BufferedImage buffer;

    ChartPanel(Drawing chart) {
        this.chart = chart;
        setPreferredSize(new Dimension(chart.width(), chart.height()));
        setOpaque(true);
    }

    @Override
    protected void paintComponent(Graphics g) {
        int w = getWidth(), h = getHeight();
        if (w <= 0 || h <= 0) return;
        AffineTransform screen = ((Graphics2D) g).getTransform();
        double scale = Math.max(1, Math.max(screen.getScaleX(), screen.getScaleY())); // sharp on HiDPI screens
        int bw = (int) Math.ceil(w * scale), bh = (int) Math.ceil(h * scale);
        if (buffer == null || buffer.getWidth() != bw || buffer.getHeight() != bh)
            buffer = new BufferedImage(bw, bh, BufferedImage.TYPE_INT_RGB);
        Graphics2D b = buffer.createGraphics();
        try {
            b.scale(scale, scale);
            chart.paint(b, w, h);
        } finally {
            b.dispose();
        }
        g.drawImage(buffer, 0, 0, w, h, null);
    }
}
