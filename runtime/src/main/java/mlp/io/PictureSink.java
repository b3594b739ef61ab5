package mlp.io;

/**
 * Where pictures go when the host shows them itself (a notebook) instead of in windows or files:
 * still pictures as PNG bytes, animations as a player, live training as a picture replaced a few
 * times a second. Called on the interpreter's thread (live frames: on the training thread);
 * implementations hand the bytes on and return. (Here, beside {@link Settings} which holds it,
 * rather than with the pictures that call it: it is an output of the program, like a file.)
 */
public interface PictureSink {
    /** A still picture ({@code plot}, {@code scatter}, {@code boundary}): {@code what} says which; an untitled one has the title "". */
    void still(String what, String title, byte[] png);

    /** An animation ({@code animate}): its HTML player, GIF and last frame, each made when asked. */
    void animation(Animation animation);

    /** {@code train(..., live=true)} starts: where its pictures go. */
    LivePicture live(String title);

    /** One live training's picture. */
    interface LivePicture {
        /** The newest picture of the run, as PNG: the first call shows it, later ones replace it. */
        void frame(byte[] png);

        /** Training ended; {@code animation} is its run's animation (null when it kept no frame). */
        void finished(Animation animation);
    }

    /**
     * An animation, as a self-contained HTML player, an animated GIF or a PNG of its last frame.
     * Each is made when asked for (on the caller's thread), so a host pays only for the forms it
     * shows.
     */
    interface Animation {
        /** The title ("" when none). */
        String title();

        /** How many frames the run kept. */
        int frames();

        /** The player: one HTML fragment with its picture and script inline (no network), play/pause, a slider, epoch and loss. */
        String html();

        /** A whole HTML page holding the player (what {@code animate(run, file="x.html")} writes). */
        String page();

        /**
         * An animated GIF of at most {@code maxFrames} frames, evenly spaced (first and last
         * included), {@code width} pixels wide (the chart scaled down; at most its own width).
         */
        byte[] gif(int maxFrames, int width);

        /** The last frame, as PNG. */
        byte[] png();
    }
}
