package mlp.plot;

/**
 * Where pictures go when the host shows them itself (a notebook) instead of in windows or files:
 * still pictures as PNG bytes, animations as a player, live training as a picture replaced a few
 * times a second. Called on the interpreter's thread (live frames: on the training thread);
 * implementations hand the bytes on and return.
 */
public interface PictureSink {
    /** A still picture ({@code plot}, {@code scatter}, {@code boundary}): {@code what} says which; an untitled one has the title "". */
    void still(String what, String title, byte[] png);

    /** An animation ({@code animate}): its HTML player, GIF and last frame, each made when asked. */
    void animation(InlineAnimation animation);

    /** {@code train(..., live=true)} starts: where its pictures go. */
    LivePicture live(String title);

    /** One live training's picture. */
    interface LivePicture {
        /** The newest picture of the run, as PNG: the first call shows it, later ones replace it. */
        void frame(byte[] png);

        /** Training ended; {@code animation} is its run's animation (null when it kept no frame). */
        void finished(InlineAnimation animation);
    }
}
