package mlp.plot;

import mlp.MlpError;
import mlp.io.Settings;
import mlp.io.FileAccess;
import mlp.syntax.Pos;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where one picture goes. Pictures off: nowhere. {@code file="x.png"} or {@code "x.gif"}: that
 * file, if the file-access policy allows it. No display (or {@code --headless}):
 * {@code <plots>/<title>.gif} (animations) or {@code .png}, and the path is printed. Otherwise a
 * window.
 */
public final class Destination {
    public final Chart.Shown shown;
    /** The file to write, or null. */
    final Path file;
    /** True when the file is a GIF (an animation), false for a PNG. */
    final boolean gif;
    /** True when the name was chosen here (from the title), so the user must be told where it went. */
    final boolean announce;

    private Destination(Chart.Shown shown, Path file, boolean gif, boolean announce) {
        this.shown = shown;
        this.file = file;
        this.gif = gif;
        this.announce = announce;
    }

    /**
     * @param file      the {@code file=} argument, or null
     * @param filePos   where it was written, for errors
     * @param animation whether the picture is an animation (GIF by default) or still (PNG)
     */
    public static Destination choose(Settings settings, String file, Pos filePos, String title, String fallbackName, boolean animation) {
        Boolean gif = null;
        if (file != null) {
            String lower = file.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".gif")) gif = true;
            else if (lower.endsWith(".png")) gif = false;
            else throw new MlpError("a picture file must end in .png or .gif: \"" + file + "\"", filePos);
        }
        if (settings.pictures() == Settings.Pictures.OFF) return new Destination(Chart.Shown.NOWHERE, null, false, false);
        boolean windows = Windows.available(); // first, as it fails clearly when the display is broken
        if (file != null) {
            Path path;
            try {
                path = FileAccess.resolve(settings, file);
            } catch (MlpError e) {
                throw e.at(filePos);
            }
            return new Destination(Chart.Shown.FILE, path, gif, false);
        }
        if (settings.pictures() == Settings.Pictures.FILES || !windows) {
            // the plots folder is the host's (or --plots) choice, not the script's: it needs no
            // file access, and a name made from the title cannot leave it
            String name = PictureFiles.safeName(title, fallbackName) + (animation ? ".gif" : ".png");
            Path path = settings.workingDir().resolve(settings.plotsDir()).resolve(name).toAbsolutePath().normalize();
            return new Destination(Chart.Shown.FILE, path, animation, true);
        }
        return new Destination(Chart.Shown.WINDOW, null, false, false);
    }

    /** The file as the user would name it: relative to the working folder when inside it. */
    Path display(Settings settings) {
        if (file == null) return null;
        Path wd = settings.workingDir();
        return file.startsWith(wd) ? wd.relativize(file) : file;
    }

    /** After writing: prints the path when the user did not name the file. */
    void written(Settings settings) {
        if (!announce) return;
        settings.out().println("wrote " + display(settings));
        settings.out().flush();
    }
}
