package mlp.plot;

import mlp.MlpError;

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

    private static volatile Boolean available;

    /**
     * True when windows can be shown: Java is not headless and a display exists. Asked once. A
     * DISPLAY naming an X server that does not answer breaks all drawing in this JVM (Java cannot
     * fall back to headless once it tried): that is a clear error pointing at --headless.
     */
    static boolean available() {
        Boolean a = available;
        if (a == null) available = a = probe();
        if (!a && broken) throw new MlpError("cannot draw: the display " + System.getenv("DISPLAY")
                + " does not answer; run with --headless to write pictures to files");
        return a;
    }

    private static volatile boolean broken;

    private static boolean probe() {
        if (GraphicsEnvironment.isHeadless()) return false;
        try {
            return GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices().length > 0;
        } catch (java.awt.AWTError | java.awt.HeadlessException | LinkageError e) { // LinkageError: AWT failed to start
            broken = true;
            return false;
        }
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
