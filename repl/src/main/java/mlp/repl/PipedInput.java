package mlp.repl;

import mlp.io.Settings;
import mlp.syntax.Source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The REPL when stdin is not a terminal ({@code echo 'print(1 + 1)' | mlp}): no prompts, no
 * colours. It runs the input statement by statement as it arrives, echoes values as the REPL
 * does, reports an error and goes on, and its exit code says whether anything failed. As the
 * next line can be read before a statement runs, a following line that starts with {@code |>}
 * joins the statement, exactly as in a script; errors name the line of the input.
 */
final class PipedInput {
    private final BufferedReader in;
    private final PrintStream err;
    private final Settings settings;
    private String pushedBack;
    private int lineNumber; // lines read so far

    PipedInput(BufferedReader in, Settings settings, PrintStream err) {
        this.in = in;
        this.settings = settings;
        this.err = err;
    }

    /** Runs everything; 0 when every statement ran, 1 when any failed. */
    int run() throws IOException {
        boolean failed = false;
        try (Session session = new Session(settings, err::println)) {
            Commands commands = new Commands(session, settings.out(), err::println);
            String line;
            while ((line = next()) != null) {
                int first = lineNumber;
                if (line.isBlank()) continue;
                if (Commands.isCommand(line)) {
                    Commands.Outcome outcome = commands.run(line);
                    if (outcome == Commands.Outcome.FAILED) failed = true;
                    if (outcome == Commands.Outcome.QUIT) break;
                    continue;
                }
                StringBuilder statement = new StringBuilder(line);
                while (true) {
                    if (LineParser.incomplete(statement.toString())) {
                        String more = next();
                        if (more == null) break; // the parser reports the unfinished statement
                        statement.append('\n').append(more);
                    } else if (!joinContinuation(statement)) {
                        break;
                    }
                }
                if (!session.run(new Source("<stdin>", statement.toString()), first)) failed = true;
                settings.out().flush();
            }
        }
        return failed ? 1 : 0;
    }

    /**
     * Looks past blank and comment lines: when the next line starts with {@code |>} it belongs to
     * this statement (the skipped lines too, to keep line numbers); otherwise everything read
     * ahead is put back.
     */
    private boolean joinContinuation(StringBuilder statement) throws IOException {
        StringBuilder skipped = new StringBuilder();
        int skippedLines = 0;
        String line;
        while ((line = next()) != null && (line.isBlank() || line.stripLeading().startsWith("#"))) {
            skipped.append('\n').append(line);
            skippedLines++;
        }
        if (line != null && Session.startsWithPipe(line)) {
            statement.append(skipped).append('\n').append(line);
            return true;
        }
        // not a continuation: the blank lines can go, the line read ahead is read again next
        if (line != null) pushBack(line);
        return false;
    }

    private String next() throws IOException {
        if (pushedBack != null) {
            String line = pushedBack;
            pushedBack = null;
            lineNumber++;
            return line;
        }
        String line = in.readLine();
        if (line != null) lineNumber++;
        return line;
    }

    private void pushBack(String line) {
        pushedBack = line;
        lineNumber--;
    }
}
