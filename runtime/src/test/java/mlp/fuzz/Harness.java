package mlp.fuzz;

import mlp.MlpError;
import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;
import mlp.syntax.SourceParser;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The property every input must satisfy, whatever it is: parsing and running it either succeeds
 * or throws an {@link MlpError} whose position lies inside the input (line >= 1, column >= 1,
 * within the text) and whose {@link MlpError#format()} works. Nothing else may escape: no other
 * exception, no {@link StackOverflowError} (not even one caught by the interpreter's last line of
 * defence, which says "nests or recurses too deeply"), no {@link OutOfMemoryError}, and no hang:
 * each input runs with a time limit.
 *
 * <p>Inputs run in a fresh interpreter with small limits, so that a fuzzer's {@code train} or
 * {@code zeros(1e4, 1e4) @ ...} stays cheap: at most {@link #MAX_ELEMENTS} elements per tensor,
 * {@link #MAX_EPOCHS} epochs per {@code train}, files only inside a scratch folder, no pictures,
 * output discarded. The interpreter runs on a thread with the JVM's default stack (1 MB here),
 * the smallest a host program is likely to give it.
 */
public final class Harness {
    public static final long MAX_ELEMENTS = 20_000;
    public static final long MAX_EPOCHS = 20;
    /** How much CPU time the interpreter's thread may spend on one input before it counts as a hang (wall time would count the load of a shared machine). */
    public static final long TIME_LIMIT_MS = Long.getLong("mlp.fuzz.timeLimitMs", 3_000);

    private static final Path SANDBOX;

    /** A Java exception's name in a message, such as java.lang.NullPointerException or NumberFormatException. */
    private static final java.util.regex.Pattern JAVA_THROWABLE =
            java.util.regex.Pattern.compile("\\b(java|javax|org|com)\\.[a-z]+\\.|[A-Z]\\w*(Exception|Error)\\b");

    static {
        try {
            SANDBOX = Files.createTempDirectory("mlp-fuzz");
            Files.writeString(SANDBOX.resolve("data.csv"), "a,b\n1,2\n3,4\n5,nan\n");
            Files.writeString(SANDBOX.resolve("bad.csv"), "1,2\n3,x\n");
            Files.createDirectories(SANDBOX.resolve("folder"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mlp-fuzz");
        t.setDaemon(true);
        return t;
    });

    /**
     * Runs once, untimed, before the first input: loading (and, under the fuzzer, instrumenting)
     * the runtime's classes takes seconds that must not count against the first input.
     */
    private static final String WARM_UP = """
            seed(1)
            X = randn(20, 2); y = X @ [[1, 2], [3, 4]] + 0.5
            model = linear(2, 4) |> relu |> residual |> batchnorm |> dropout(0.1) |> linear(2)
            run = train(model, X, y, epochs=3, progress=false)
            run2 = train(mlp(2, 3, 2), X, y, epochs=2, optimizer=sgd(lr=0.1, momentum=0.9), loss=mae, batch=8, progress=false)
            summary(model)
            print(run.loss, run.model, lstsq(X, y)(X)[0:2, :], accuracy(y, [[0]] + zeros(20, 1)))
            print(inv([[2, 1], [1, 3]]), sum(X, dim=0), mean(X), max(X, dim=1)', argmax(X, dim=1)[0], grad(x -> sin(x) ^ 2, X)[0])
            [a, b, c, d] = split(X, y, 0.5); print(standardize(a, like=b), onehot([[0], [2]], 3), cat(a, b), stack(a[:, 0], a[:, 1]))
            save(X, "warm.csv"); print(load("warm.csv").shape); save(model, "warm.json"); print(load("warm.json"))
            f = (u, v) -> u * v + 1; print(f(2, 3), [1, 2] |> (t -> t'), "s" + "t", 1 < 2, bce(sigmoid(X), X > 0), cross_entropy(X, [[0]] + zeros(20, 1)))
            """;

    static {
        try {
            new Interpreter(settings()).run(new Source("warm-up.mlp", WARM_UP));
            for (String bad : new String[]{"x = (1 +", "zeros(2, 2) @ zeros(3, 3)", "load(\"bad.csv\")", "q"})
                try {
                    new Interpreter(settings()).run(new Source("warm-up.mlp", bad));
                } catch (MlpError expected) {
                    expected.format();
                }
        } catch (MlpError e) {
            throw new IllegalStateException("the fuzzing warm-up program fails: " + e.format());
        }
    }

    private Harness() {
    }

    /** What one input did: its error, or null when it ran to the end. */
    public record Outcome(MlpError error, long nanos) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Only parses the input (the front: lexer, newline filter, parser, tree builder). */
    public static Outcome parse(String code) {
        Source source = new Source("fuzz.mlp", code);
        return within(source, () -> {
            SourceParser.parse(source);
            return null;
        });
    }

    /** Parses and runs the input in a fresh, small, quiet interpreter. */
    public static Outcome run(String code) {
        return run(code, settings());
    }

    /** The same, with other settings (pictures written to files, say). */
    public static Outcome run(String code, Settings settings) {
        Source source = new Source("fuzz.mlp", code);
        Interpreter interpreter = new Interpreter(settings);
        return within(source, () -> {
            interpreter.run(source);
            return interpreter;
        }, interpreter);
    }

    /**
     * Runs each piece in turn in one interpreter, as a REPL session does: each piece must satisfy
     * the property on its own, and an error in one must not stop the next from working. Returns
     * how many pieces failed.
     */
    public static int session(java.util.List<String> pieces) {
        Interpreter interpreter = new Interpreter(settings());
        int failed = 0;
        for (int i = 0; i < pieces.size(); i++) {
            Source source = new Source("line" + (i + 1) + ".mlp", pieces.get(i));
            if (!within(source, () -> {
                interpreter.run(source);
                return interpreter;
            }, interpreter).ok()) failed++;
        }
        return failed;
    }

    /** The scratch folder inputs may read and write files in. */
    public static Path sandbox() {
        return SANDBOX;
    }

    public static Settings settings() {
        return new Settings()
                .out(new PrintWriter(Writer.nullWriter()))
                .progress(null)
                .pictures(Settings.Pictures.OFF)
                .plotsDir(SANDBOX.resolve("plots"))
                .fileRoot(SANDBOX)
                .workingDir(SANDBOX)
                .maxElements(MAX_ELEMENTS)
                .maxEpochs(MAX_EPOCHS);
    }

    private interface Job {
        Object call();
    }

    private static Outcome within(Source source, Job job) {
        return within(source, job, null);
    }

    /** The worker thread's CPU time, the measure of "ran too long": a shared, busy machine does not stretch it. */
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Waits for a job; it ran too long when the worker spent TIME_LIMIT_MS of CPU on it, or (stuck without working) 20 times that of wall time. */
    private static Object waitFor(Future<Object> result, long[] worker) throws ExecutionException, InterruptedException, TimeoutException {
        long start = System.nanoTime();
        while (true) {
            try {
                return result.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                long cpu = worker[0] == 0 ? 0 : THREADS.getThreadCpuTime(worker[0]) - worker[1];
                if (cpu > TIME_LIMIT_MS * 1_000_000 || System.nanoTime() - start > 20 * TIME_LIMIT_MS * 1_000_000) throw notYet;
            }
        }
    }

    private static Outcome within(Source source, Job job, Interpreter interpreter) {
        long start = System.nanoTime();
        long[] worker = new long[2]; // the thread's id, its CPU time when the job started
        Future<Object> result = WORKER.submit(() -> {
            worker[1] = THREADS.getThreadCpuTime(Thread.currentThread().getId());
            worker[0] = Thread.currentThread().getId();
            return job.call();
        });
        try {
            waitFor(result, worker);
            return new Outcome(null, System.nanoTime() - start);
        } catch (TimeoutException e) {
            if (interpreter != null) interpreter.cancellation().request();
            String stopped;
            try {
                result.get(TIME_LIMIT_MS, TimeUnit.MILLISECONDS);
                stopped = "it then stopped when cancelled";
            } catch (TimeoutException stuck) {
                stopped = "it did not stop when cancelled either";
            } catch (Exception other) {
                stopped = "it then stopped when cancelled: " + other.getCause();
            }
            throw new AssertionError("ran longer than " + TIME_LIMIT_MS + " ms of CPU time (" + stopped + "):\n" + shown(source.text()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            if (t instanceof MlpError err) {
                check(source, err);
                return new Outcome(err, System.nanoTime() - start);
            }
            AssertionError failure = new AssertionError("threw " + t + " instead of an MlpError, for:\n" + shown(source.text()), t);
            throw failure;
        }
    }

    /** The error's position lies inside the input, and it formats. */
    static void check(Source source, MlpError e) {
        String what = "\"" + e.plainMessage() + "\" for:\n" + shown(source.text());
        if (e.pos() == null) throw new AssertionError("an error without a position: " + what);
        // an error inside a function defined by an earlier input of the session shows that input's
        // line; then one of its "called from" lines must lead back into this input
        mlp.syntax.Pos at = e.pos();
        if (at.source() != source) {
            at = null;
            for (mlp.syntax.Pos call : e.calls()) if (call.source() == source) at = call;
            if (at == null)
                throw new AssertionError("an error positioned in another source (" + e.pos().source().name()
                        + ") with no call from this one: " + what);
            checkPosition(e.pos().source(), e.pos(), what);
        }
        checkPosition(source, at, what);
        checkMessage(source, e, what);
    }

    private static void checkPosition(Source source, mlp.syntax.Pos at, String what) {
        String line = source.lineText(at.line());
        if (line == null) throw new AssertionError("line " + at.line() + " is outside the input: " + what);
        if (at.col() < 1 || at.col() > line.length() + 1)
            throw new AssertionError("column " + at.col() + " is outside line " + at.line() + " (" + line.length()
                    + " characters): " + what);
    }

    private static void checkMessage(Source source, MlpError e, String what) {
        if (e.plainMessage().equals("too deep: the expression nests or recurses too deeply")
                || e.plainMessage().equals("too deeply nested to parse: the parser ran out of stack"))
            throw new AssertionError("a StackOverflowError reached the interpreter's last line of defence: " + what);
        if (e.plainMessage().startsWith("out of memory") || e.plainMessage().equals("the program is too large to parse: out of memory"))
            throw new AssertionError("an OutOfMemoryError: " + what);
        String shown = e.format();
        java.util.regex.Matcher leak = JAVA_THROWABLE.matcher(e.plainMessage());
        while (leak.find()) // a name the input itself wrote is not a leak
            if (!source.text().contains(leak.group())) throw new AssertionError("a Java exception in the message: " + shown);
        // a stack trace's lines start with a tab and "at " (unless the input wrote that, in a file name, say)
        if (e.plainMessage().contains("\tat ") && !source.text().contains("\tat "))
            throw new AssertionError("a Java stack trace in the message: " + shown);
        if (shown.contains("\t")) throw new AssertionError("a tab in the error shown: " + shown);
    }

    /** The input as a Java string literal, shortened: to paste into a test. */
    static String shown(String code) {
        String s = code.length() > 2000 ? code.substring(0, 2000) + "..." : code;
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
