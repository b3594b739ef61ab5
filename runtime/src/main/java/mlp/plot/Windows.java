package mlp.plot;

import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import java.awt.GraphicsEnvironment;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.function.Supplier;

/**
 * The picture windows the program has open. Opening one never blocks the script; at the end of
 * a script {@link #awaitAllClosed()} keeps the program alive until the last is closed (like
 * {@code plt.show()}). Closing a window only disposes of it: it never ends the program or the REPL.
 */
public final class Windows {
    private Windows() {
    }

    private static final Object LOCK = new Object();
    private static int open;

    /** True when windows can be shown (a display exists and Java is not headless). */
    static boolean available() {
        return !GraphicsEnvironment.isHeadless();
    }

    /**
     * Builds a window on the Swing thread (with {@code make}) and shows it; returns at once. The
     * window counts as open from this call on, so a script that ends right after still waits.
     */
    static void open(Supplier<JFrame> make) {
        synchronized (LOCK) {
            open++;
        }
        SwingUtilities.invokeLater(() -> {
            JFrame frame;
            try {
                frame = make.get();
            } catch (RuntimeException | Error e) {
                closed();
                System.err.println("mlp: cannot open a window: " + e);
                return;
            }
            frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
            frame.addWindowListener(new WindowAdapter() {
                private boolean done;

                @Override
                public void windowClosed(WindowEvent e) {
                    if (done) return; // counted once, however often it is disposed
                    done = true;
                    closed();
                }
            });
            frame.pack();
            frame.setLocationByPlatform(true);
            frame.setVisible(true);
        });
    }

    private static void closed() {
        synchronized (LOCK) {
            open--;
            LOCK.notifyAll();
        }
    }

    /** How many picture windows are open (or about to open). */
    static int openCount() {
        synchronized (LOCK) {
            return open;
        }
    }

    /** Blocks until every picture window is closed (a script's end waits, like plt.show()). */
    public static void awaitAllClosed() {
        synchronized (LOCK) {
            while (open > 0) {
                try {
                    LOCK.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
