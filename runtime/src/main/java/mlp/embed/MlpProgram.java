package mlp.embed;

import mlp.MlpError;
import mlp.syntax.Source;
import mlp.syntax.SourceParser;
import mlp.syntax.Stmt;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A parsed script: parse once, run many times, in as many interpreters as you like
 * ({@link MlpInterpreter#eval(MlpProgram)}). It is immutable and may be shared between threads.
 */
public final class MlpProgram {
    private final Source source;
    private final List<Stmt> statements;

    private MlpProgram(Source source, List<Stmt> statements) {
        this.source = source;
        this.statements = statements;
    }

    /**
     * Parses a script.
     *
     * @param code     the program text
     * @param fileName the name errors are reported under (e.g. {@code "model.mlp"})
     * @throws MlpError a syntax error, with its file, line and column
     */
    public static MlpProgram parse(String code, String fileName) {
        Source source = new Source(Objects.requireNonNull(fileName, "fileName"), Objects.requireNonNull(code, "code"));
        try {
            return new MlpProgram(source, List.copyOf(SourceParser.parse(source)));
        } catch (MlpError e) {
            if (!TOO_DEEP.equals(e.plainMessage())) throw e;
        }
        // The parser recurses as deep as the expressions nest, and the caller's thread ran out of
        // stack: parse again on a thread with the command line's deep stack, so that what runs
        // there runs here. (Not the first try: starting such a thread costs far more than parsing.)
        FutureTask<List<Stmt>> parsing = new FutureTask<>(() -> SourceParser.parse(source));
        Thread parser = new Thread(null, parsing, "mlp-parser", mlp.eval.EvaluationWorker.STACK_BYTES);
        parser.setDaemon(true);
        parser.start();
        try {
            return new MlpProgram(source, List.copyOf(parsing.get()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MlpError err) throw err;
            throw new MlpError("internal error in mlp's parser (please report it): " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlpStopped("stopped: the thread waiting for the parser was interrupted", null, false);
        }
    }

    /** SourceParser's message when the stack ran out. */
    private static final String TOO_DEEP = "nested too deeply to parse";

    /** The name errors in this program are reported under. */
    public String fileName() {
        return source.name();
    }

    /** The program text. */
    public String code() {
        return source.text();
    }

    List<Stmt> statements() {
        return statements;
    }

    /** The file name, for messages. */
    @Override
    public String toString() {
        return "mlp program " + source.name();
    }
}
