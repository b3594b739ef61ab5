package mlp.jupyter;


import mlp.io.PictureSink;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.Base64;
import java.util.function.Supplier;

/**
 * Pictures in the running cell: still ones as PNG; an animation as its HTML player, with a GIF
 * for front ends that show no HTML; a live training as one PNG replaced as it trains
 * ({@code update_display_data}), then by the run's player when it ends.
 */
final class NotebookPictures implements PictureSink {
    /**
     * The GIF beside a player is small: at most this many frames, this wide. It is a fallback
     * for front ends without HTML, and every saved notebook carries it.
     */
    static final int GIF_FRAMES = 12;
    static final int GIF_WIDTH = 360;

    private final Supplier<Cell> current;

    NotebookPictures(Supplier<Cell> current) {
        this.current = current;
    }

    @Override
    public void still(String what, String title, byte[] png) {
        Cell cell = current.get();
        if (cell != null) cell.display(png(png, "<" + what + (title.isEmpty() ? "" : ": " + title) + ">"));
    }

    @Override
    public void animation(PictureSink.Animation animation) {
        Cell cell = current.get();
        if (cell != null) cell.display(player(animation));
    }

    @Override
    public LivePicture live(String title) {
        Cell cell = current.get();
        String label = "<live training" + (title == null || title.isEmpty() ? "" : ": " + title) + ">";
        return new LivePicture() {
            private String id;

            @Override
            public void frame(byte[] png) {
                if (cell == null) return;
                if (id == null) id = cell.display(png(png, label));
                else cell.update(id, png(png, label));
            }

            @Override
            public void finished(PictureSink.Animation animation) {
                if (cell == null || animation == null) return;
                if (id == null) cell.display(player(animation));
                else cell.update(id, player(animation));
            }
        };
    }

    static DisplayData png(byte[] png, String text) {
        DisplayData d = new DisplayData(text);
        d.putData("image/png", Base64.getEncoder().encodeToString(png));
        return d;
    }

    static DisplayData player(PictureSink.Animation a) {
        DisplayData d = new DisplayData("<animation" + (a.title().isEmpty() ? "" : ": " + a.title()) + ", " + a.frames() + " frames>");
        d.putHTML(a.html());
        d.putData("image/gif", Base64.getEncoder().encodeToString(a.gif(GIF_FRAMES, GIF_WIDTH)));
        return d;
    }
}
