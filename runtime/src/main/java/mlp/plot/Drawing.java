package mlp.plot;

import org.knowm.xchart.internal.chartpart.Chart;

import java.awt.Graphics2D;

/** Something that draws itself at a size: an XChart chart, or an animation frame. */
interface Drawing {
    /** The size it is meant to be drawn at (a window's first size, a file's size). */
    int width();

    int height();

    /** Draws into {@code g} at w×h (in {@code g}'s units). */
    void paint(Graphics2D g, int w, int h);

    static Drawing of(Chart<?, ?> chart) {
        return new Drawing() {
            @Override
            public int width() {
                return chart.getWidth();
            }

            @Override
            public int height() {
                return chart.getHeight();
            }

            @Override
            public void paint(Graphics2D g, int w, int h) {
                chart.paint(g, w, h);
            }
        };
    }
}
