package mlp.repl;

import mlp.io.Settings;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

import java.io.IOError;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The interactive REPL on a JLine terminal: history across sessions, emacs keys, completion,
 * colours, multi-line input; each input runs in the {@link Session}, Ctrl-C stops what runs.
 */
public final class Repl {
    static final String PROMPT = "mlp> ";
    static final String CONTINUATION = "...  ";

    private final Terminal terminal;
    private final Path historyFile;
    private final Settings settings;

    /**
     * @param historyFile where the history is kept across sessions; null keeps none
     * @param settings    the interpreter's settings; their {@code out} should write to the terminal
     */
    public Repl(Terminal terminal, Path historyFile, Settings settings) {
        this.terminal = terminal;
        this.historyFile = historyFile;
        this.settings = settings;
    }

    /** Reads and runs inputs until :quit or Ctrl-D; returns the exit code (0). */
    public int run() {
        PrintWriter out = terminal.writer();
        try (Session session = new Session(settings, this::error)) {
            LineReader reader = reader(session);
            Commands commands = new Commands(session, out, this::error);
            // while an input runs, Ctrl-C asks it to stop (JLine handles Ctrl-C itself while reading)
            terminal.handle(Terminal.Signal.INT, signal -> session.cancel());
            out.println("mlp — a small language for neural networks. :help lists the built-ins, :quit or Ctrl-D leaves.");
            out.flush();
            while (true) {
                String input;
                try {
                    input = reader.readLine(PROMPT);
                } catch (UserInterruptException e) { // Ctrl-C at the prompt: drop the line
                    if (e.getPartialLine() == null || e.getPartialLine().isBlank()) {
                        out.println("(to leave: :quit or Ctrl-D)");
                        out.flush();
                    }
                    continue;
                } catch (EndOfFileException e) { // Ctrl-D
                    break;
                } catch (IOError e) { // the terminal is gone
                    break;
                }
                if (input.isBlank()) continue;
                if (Commands.isCommand(input)) {
                    try {
                        if (commands.run(input) == Commands.Outcome.QUIT) break;
                    } catch (RuntimeException e) { // a bug in a command must not end the session
                        error("internal error: " + e);
                    }
                    continue;
                }
                session.run(input);
                out.flush();
            }
            reader.getHistory().save();
        } catch (java.io.IOException e) {
            error("could not save the history to " + historyFile + ": " + e.getMessage());
        }
        return 0;
    }

    private LineReader reader(Session session) {
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("mlp")
                .parser(new LineParser())
                .completer(new Completion(session))
                .highlighter(new Highlighting(session))
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                .variable(LineReader.HISTORY_SIZE, 1000)
                .variable(LineReader.HISTORY_FILE_SIZE, 10_000)
                // "!" is the language's "!=", not a history event
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, false)
                .option(LineReader.Option.CASE_INSENSITIVE, false);
        if (historyFile != null) builder.variable(LineReader.HISTORY_FILE, historyFile);
        LineReader reader = builder.build();
        reader.setKeyMap(LineReader.EMACS);
        return reader;
    }

    private void error(String text) {
        PrintWriter out = terminal.writer();
        out.println(new AttributedString(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)).toAnsi(terminal));
        out.flush();
    }
}
