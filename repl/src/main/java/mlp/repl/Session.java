package mlp.repl;

import mlp.MlpError;
import mlp.eval.EvaluationWorker;
import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Expr;
import mlp.syntax.Pos;
import mlp.syntax.Source;
import mlp.syntax.SourceParser;
import mlp.syntax.Stmt;
import mlp.value.Format;
import mlp.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;

/**
 * One REPL session: an interpreter and what it takes to run a user's inputs one after the other.
 * Each input is evaluated on a worker thread with a deep stack (the interpreter recurses over the
 * syntax tree), so the thread that reads the terminal stays free to take Ctrl-C; the value of an
 * expression statement is echoed; an error is reported and the session goes on.
 *
 * <p>A statement may be continued by an input that starts with {@code |>} (LANGUAGE.md's rule for
 * a script, where the next line is known before the statement runs). The REPL cannot wait for the
 * next line, so it runs the statement and, when the next input starts with {@code |>}, pipes the
 * value the statement gave into it and binds (or echoes) the result as the joined statement would.
 * As {@code |>} binds more loosely than every operator but {@code ->}, this is what the joined
 * statement means; a statement that is a lambda is run again joined (making a lambda has no
 * effects).
 */
final class Session implements AutoCloseable {
    /** The name the previous value is bound to while a continuation runs: no user can type it. */
    private static final String PREVIOUS = "(previous value)";

    private final Settings settings;
    private final Consumer<String> errors;
    private final EvaluationWorker worker = new EvaluationWorker("mlp-eval");
    /** Sources whose line 1 is not line 1 of what the user sees (piped input): the line offset. */
    private final Map<Source, Integer> lineOffsets = new WeakHashMap<>();
    private volatile Interpreter interpreter; // replaced by :reset, read by the Ctrl-C handler
    private Previous previous;

    /** The last statement of the previous input, for a following {@code |>} line. */
    private record Previous(String text, int lines, Stmt last, Value value) {
    }

    /**
     * @param errors gets each error as text ({@code file:line:col: message}, line, caret)
     */
    Session(Settings settings, Consumer<String> errors) {
        this.settings = settings;
        this.errors = errors;
        this.interpreter = new Interpreter(settings);
    }

    Interpreter interpreter() {
        return interpreter;
    }

    Settings settings() {
        return settings;
    }

    /** Safe from any thread (a Ctrl-C handler): asks the running input to stop. */
    void cancel() {
        interpreter.cancellation().request();
    }

    /** A fresh interpreter: no names, a new random generator. */
    void reset() {
        interpreter = new Interpreter(settings);
        previous = null;
    }

    /** Forgets the statement a leading {@code |>} would continue (after :load, say). */
    void forgetPrevious() {
        previous = null;
    }

    /** Runs one REPL input named {@code <repl>}; returns false when it failed. */
    boolean run(String text) {
        return run(new Source("<repl>", text), 0);
    }

    /**
     * Runs one input (one statement or several) and echoes the value of each expression
     * statement. {@code firstLine} is the line the input starts on in what the user typed or
     * piped (1-based), so that errors name the real line.
     */
    boolean run(Source source, int firstLine) {
        if (firstLine > 1) lineOffsets.put(source, firstLine - 1);
        boolean ok = onWorker(() -> {
            interpreter.cancellation().clear();
            if (startsWithPipe(source.text())) continuePrevious(source);
            else runFresh(source);
        });
        if (!ok) previous = null; // nothing half-done is continued
        return ok;
    }

    /** Runs a script file's text into the session, without echo (as a script runs). */
    boolean load(Source source) {
        return onWorker(() -> {
            interpreter.cancellation().clear();
            previous = null;
            interpreter.run(source, v -> { });
        });
    }

    private void runFresh(Source source) {
        List<Stmt> program = SourceParser.parse(source);
        if (program.isEmpty()) return; // a comment: a following |> line still continues the statement before
        previous = null;
        Value last = runEchoing(program);
        String text = source.text();
        previous = new Previous(text, lineCount(text), program.get(program.size() - 1), last);
    }

    /** Runs all statements, echoing values; returns the value of the last one (null if none). */
    private Value runEchoing(List<Stmt> program) {
        Consumer<Value> echo = v -> {
            settings.out().println(Format.repr(v));
            settings.out().flush();
        };
        interpreter.run(program.subList(0, program.size() - 1), echo);
        Value[] last = {null};
        interpreter.run(program.subList(program.size() - 1, program.size()), v -> {
            last[0] = v;
            echo.accept(v);
        });
        return last[0];
    }

    private void continuePrevious(Source source) {
        Previous before = previous;
        previous = null;
        Pos at = new Pos(source, 1, source.text().indexOf('|') + 1);
        if (before == null)
            throw new MlpError("a line that starts with '|>' continues the statement before it, but there is none to continue", at);
        Value value;
        if (before.last() instanceof Stmt.Assign a) value = interpreter.globals().lookup(a.name());
        else if (before.last() instanceof Stmt.Eval) value = before.value();
        else throw new MlpError("a line that starts with '|>' cannot continue an unpacking [a, b] = ...: "
                    + "write the pipeline on one line, or end the line before with '|>'", at);
        if (value == null)
            throw new MlpError("the statement before gives no value for '|>' to continue with", at);
        // The joined text is what a script would have read; errors in it point into its lines.
        String joined = before.text() + "\n" + source.text();
        List<Stmt> program = SourceParser.parse(new Source(source.name(), joined));
        int continued = SourceParser.parse(new Source(source.name(), before.text())).size() - 1;
        List<Stmt> rest = new ArrayList<>(program.subList(continued, program.size()));
        rest.set(0, withPrevious(rest.get(0), before.lines()));
        interpreter.globals().define(PREVIOUS, value);
        try {
            Value last = runEchoing(rest);
            previous = new Previous(joined, lineCount(joined), rest.get(rest.size() - 1), last);
        } finally {
            interpreter.globals().remove(PREVIOUS);
        }
    }

    /**
     * The joined statement with the part that came from the previous input replaced by its value:
     * the pipes written on the new lines hang off the left spine of {@code |>} operators.
     */
    private static Stmt withPrevious(Stmt joined, int previousLines) {
        if (joined instanceof Stmt.Assign a && !(a.value() instanceof Expr.Lambda))
            return new Stmt.Assign(a.pos(), a.name(), replaceSpine(a.value(), previousLines));
        if (joined instanceof Stmt.Eval e && !(e.expr() instanceof Expr.Lambda))
            return new Stmt.Eval(e.pos(), replaceSpine(e.expr(), previousLines));
        return joined; // a lambda: run joined as written (making it again has no effects)
    }

    private static Expr replaceSpine(Expr e, int previousLines) {
        if (e instanceof Expr.Binary b && b.op() == mlp.syntax.Op.PIPE && b.pos().line() > previousLines)
            return new Expr.Binary(b.pos(), b.op(), replaceSpine(b.left(), previousLines), b.right());
        return new Expr.Name(e.pos(), PREVIOUS);
    }

    static boolean startsWithPipe(String text) {
        return text.stripLeading().startsWith("|>");
    }

    private static int lineCount(String text) {
        return (int) text.chars().filter(c -> c == '\n').count() + 1;
    }

    private interface Work {
        void run();
    }

    /** Runs on the worker thread and waits; reports any error; true when it went through. */
    private boolean onWorker(Work work) {
        try {
            // the reading thread interrupted (Ctrl-C while waiting): stop the work, keep waiting for it
            return worker.run(() -> {
                try {
                    work.run();
                } catch (RuntimeException | Error e) {
                    if (!(e instanceof MlpError) && System.getenv("MLP_DEBUG") != null) e.printStackTrace();
                    throw e;
                }
                return true;
            }, this::cancel);
        } catch (MlpError e) {
            errors.accept(format(e));
            return false;
        }
    }

    /** The error as the user sees it, with line numbers counted in what they typed or piped. */
    String format(MlpError e) {
        Pos pos = e.pos();
        Integer offset = pos == null ? null : lineOffsets.get(pos.source());
        if (offset == null || offset == 0) return e.format();
        Source shifted = new Source(pos.source().name(), "\n".repeat(Math.max(0, offset)) + pos.source().text());
        return new MlpError(e.plainMessage(), new Pos(shifted, pos.line() + offset, pos.col())).format();
    }

    @Override
    public void close() {
        worker.closeNow();
    }
}
