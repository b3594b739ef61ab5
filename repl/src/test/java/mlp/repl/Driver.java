package mlp.repl;

import mlp.io.Settings;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Drives the REPL through a JLine terminal on in-memory streams, as a user at a keyboard would. */
final class Driver {
    final Path folder;
    final Path history;

    Driver(Path folder) {
        this.folder = folder;
        this.history = folder.resolve("history");
    }

    /** Types {@code keys} (lines end with \n; Ctrl-D is the end of the input) and returns the screen. */
    String type(String keys) {
        return type(keys, this::settings);
    }

    /** The same, with the interpreter's settings made for the terminal by {@code settings}. */
    String type(String keys, Function<Terminal, Settings> settings) {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = new DumbTerminal("test", "dumb",
                new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8)) {
            int code = new Repl(terminal, history, settings.apply(terminal)).run();
            if (code != 0) throw new AssertionError("the REPL exited with " + code);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    /**
     * What each input printed, in order: the screen cut at the prompts (a dumb terminal does not
     * echo what is typed, so between two prompts is exactly the output of one input).
     */
    List<String> outputs(String keys) {
        String[] parts = type(keys).split(Pattern.quote(Repl.PROMPT), -1);
        List<String> out = new ArrayList<>(Arrays.asList(parts).subList(1, parts.length - 1));
        out.replaceAll(s -> s.endsWith("\n") ? s.substring(0, s.length() - 1) : s);
        return out;
    }

    Settings settings(Terminal terminal) {
        return new Settings()
                .out(terminal.writer())
                .progress(null)
                .pictures(Settings.Pictures.OFF)
                .fileRoot(folder)
                .workingDir(folder);
    }
}
