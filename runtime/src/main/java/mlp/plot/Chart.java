package mlp.plot;

import mlp.value.HasMembers;
import mlp.value.Str;
import mlp.value.Value;

import java.nio.file.Path;
import java.util.List;

/**
 * What a picture built-in returns: which picture it was, its title, and where it went (a
 * window, a file, or nowhere when pictures are off). Members: {@code .title}, {@code .file}.
 */
public final class Chart implements Value, HasMembers {
    /** Where the picture went. */
    public enum Shown { WINDOW, FILE, NOWHERE }

    private final String what;
    private final String title;
    private final Shown shown;
    private final Path file;

    public Chart(String what, String title, Shown shown, Path file) {
        this.what = what;
        this.title = title == null ? "" : title;
        this.shown = shown;
        this.file = file;
    }

    /** "animation", "scatter", "loss curve", "line", "boundary". */
    public String what() {
        return what;
    }

    public String title() {
        return title;
    }

    public Shown shown() {
        return shown;
    }

    /** The file written, or null. */
    public Path file() {
        return file;
    }

    @Override
    public String kind() {
        return "chart";
    }

    @Override
    public Value member(String name) {
        return switch (name) {
            case "title" -> new Str(title);
            case "file" -> new Str(file == null ? "" : file.toString());
            default -> null;
        };
    }

    @Override
    public List<String> memberNames() {
        return List.of("title", "file");
    }

    @Override
    public String toString() {
        String name = title.isEmpty() ? what : what + " \"" + title + "\"";
        return switch (shown) {
            case WINDOW -> "<chart: " + name + ", in a window>";
            case FILE -> "<chart: " + name + ", written to " + file + ">";
            case NOWHERE -> "<chart: " + name + ", not drawn (pictures are off)>";
        };
    }
}
