package mlp.plot;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSlider;
import javax.swing.Timer;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;

/**
 * The animation window: the chart, a play/pause button and a frame slider that can be dragged.
 * It plays once when opened; at the end the button replays. A live window starts without a
 * timeline (the run is still training) and gets one when training ends.
 * Build it and call it on the Swing thread only.
 */
final class AnimationWindow {
    private final JFrame frame;
    private final AnimationChart chart;
    private final ChartPanel panel;
    private final JButton play = new JButton("Play");
    private final JSlider slider = new JSlider(0, 0, 0);
    private final JLabel status = new JLabel(" ");
    private final Timer timer;
    private Timeline timeline;

    /** A window for a whole run; call {@link #play()} to start it. */
    static AnimationWindow of(String title, Timeline timeline, double durationMs) {
        AnimationWindow w = new AnimationWindow(title, AnimationChart.of(title, timeline, ChartStyle.WIDTH, ChartStyle.HEIGHT), durationMs);
        w.timeline(timeline);
        return w;
    }

    AnimationWindow(String title, AnimationChart chart, double durationMs) {
        this.chart = chart;
        this.panel = new ChartPanel(chart);
        this.timer = new Timer((int) Math.max(1, Math.round(durationMs)), e -> step());
        timer.setCoalesce(true);

        play.addActionListener(e -> toggle());
        slider.addChangeListener(e -> showFrame(slider.getValue()));
        status.setPreferredSize(new Dimension(110, status.getPreferredSize().height));
        status.setHorizontalAlignment(JLabel.RIGHT);
        JPanel controls = new JPanel(new BorderLayout(8, 0));
        controls.setBorder(BorderFactory.createEmptyBorder(6, 10, 8, 12));
        controls.setBackground(Color.WHITE);
        slider.setBackground(Color.WHITE);
        controls.add(play, BorderLayout.WEST);
        controls.add(slider, BorderLayout.CENTER);
        controls.add(status, BorderLayout.EAST);

        frame = new JFrame(title == null || title.isEmpty() ? "mlp" : title);
        frame.getContentPane().setBackground(Color.WHITE);
        frame.add(panel, BorderLayout.CENTER);
        frame.add(controls, BorderLayout.SOUTH);
        controlsEnabled(false);
    }

    /** Gives the window its frames (at once for animate, at the end of training for a live run). */
    void timeline(Timeline t) {
        timer.stop();
        timeline = t;
        chart.axes(t.xRange(), t.yRange());
        slider.setMaximum(t.size() - 1);
        controlsEnabled(true);
        if (slider.getValue() == t.size() - 1) showFrame(t.size() - 1);
        else slider.setValue(t.size() - 1);
        updateButton();
    }

    /** Plays once the window is on screen (so a fast animation is not over before it is seen). */
    void playWhenOpened() {
        frame.addWindowListener(new java.awt.event.WindowAdapter() {
            @Override
            public void windowOpened(java.awt.event.WindowEvent e) {
                play();
            }
        });
    }

    /** Plays from the first frame. */
    void play() {
        if (timeline == null) return;
        slider.setValue(0);
        showFrame(0);
        timer.start();
        updateButton();
    }

    private void toggle() {
        if (timeline == null) return;
        if (timer.isRunning()) {
            timer.stop();
        } else {
            if (slider.getValue() >= slider.getMaximum()) slider.setValue(0);
            timer.start();
        }
        updateButton();
    }

    private void step() {
        if (timeline == null || slider.getValue() >= slider.getMaximum()) {
            timer.stop();
            updateButton();
            return;
        }
        slider.setValue(slider.getValue() + 1);
    }

    private void showFrame(int k) {
        if (timeline == null || k < 0 || k >= timeline.size()) return;
        chart.show(timeline, k);
        status.setText("frame " + (k + 1) + " / " + timeline.size());
        panel.repaint();
    }

    /**
     * While training: shows the latest predictions, with the axes grown to hold them, drawn at
     * once (so the caller can time the drawing).
     */
    void showLive(double[] xs, double[] ys, String caption, Range x, Range y) {
        chart.axes(x, y);
        chart.show(xs, ys, caption);
        if (!"training".equals(status.getText())) status.setText("training");
        if (panel.isShowing()) panel.paintImmediately(0, 0, panel.getWidth(), panel.getHeight());
        else panel.repaint();
    }

    private void updateButton() {
        boolean atEnd = slider.getValue() >= slider.getMaximum();
        play.setText(timer.isRunning() ? "Pause" : atEnd ? "Replay" : "Play");
    }

    private void controlsEnabled(boolean on) {
        play.setEnabled(on);
        slider.setEnabled(on);
    }

    JFrame frame() {
        return frame;
    }

    // for tests: the parts a user drives
    JSlider slider() {
        return slider;
    }

    JButton playButton() {
        return play;
    }

    boolean playing() {
        return timer.isRunning();
    }

    AnimationChart chart() {
        return chart;
    }
}
