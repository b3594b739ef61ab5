package mlp.embed;

import mlp.MlpError;
import mlp.eval.EvaluationWorker;
import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.eval.Suggest;
import mlp.tensor.Limits;
import mlp.train.Run;
import mlp.train.TrainingListener;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * An mlp interpreter inside a Java program: one session with its own names, its own random
 * generator and its own settings.
 *
 * <pre>{@code
 * try (MlpInterpreter mlp = MlpInterpreter.builder().outputOff().build()) {
 *     mlp.set("X", features);                 // double[][] or DMatrixRMaj, copied in
 *     mlp.set("y", targets);
 *     mlp.eval("model = mlp(4, 16, 3)\nrun = train(model, X, y, loss=cross_entropy, epochs=200)");
 *     double[][] scores = mlp.eval("model(X)").asArray();
 * }
 * }</pre>
 *
 * <h2>What a script may do</h2>
 * An interpreter made with the defaults touches no file ({@code load} and {@code save} are
 * refused with a clear error unless {@link Builder#allowFiles} grants a folder), opens no window
 * and writes no picture ({@link Builder#picturesOff()} is the default), prints no progress bar,
 * refuses any tensor larger than {@link Limits#DEFAULT_MAX_ELEMENTS} elements
 * ({@link Builder#maxElements}), and can be given a cap on epochs ({@link Builder#maxEpochs}) and
 * a time limit ({@link Builder#timeLimit}). What it prints goes to {@code System.out} unless
 * {@link Builder#output} or {@link Builder#outputOff()} says otherwise.
 *
 * <h2>Errors</h2>
 * Everything a script causes arrives as an {@link MlpError}: a syntax error, an unknown name, a
 * shape mismatch, a refused file or tensor, and also a value of the wrong kind asked for with a
 * typed getter. It carries {@link MlpError#file()}, {@link MlpError#line()},
 * {@link MlpError#column()}, {@link MlpError#plainMessage()}, and {@link MlpError#format()} renders
 * it with the source line and a caret. An evaluation stopped by {@link #cancel()} or by the time
 * limit throws its subtype {@link MlpStopped}. Mistakes of the host program itself (a null, a name
 * no script could write, ragged rows) are the usual {@code NullPointerException} and
 * {@code IllegalArgumentException}.
 *
 * <h2>Threads</h2>
 * Every method may be called from any thread. The interpreter evaluates on a thread of its own
 * (started when needed, with a deep stack, ended after a few idle seconds), one call at a time
 * in the order the calls arrive: a call made while an evaluation runs waits for it to finish.
 * {@link #cancel()} never waits. Two interpreters share nothing (names, random generator, limits)
 * and run in parallel. A {@link ProgressListener} runs on the interpreter's thread and may call
 * {@code get}, {@code set} and {@code cancel}, but not {@code eval}.
 */
public final class MlpInterpreter implements AutoCloseable {
    /** The script name errors are reported under when none is given. */
    public static final String DEFAULT_FILE_NAME = "<script>";

    private final Interpreter interpreter;
    private final Settings settings;
    private final Duration timeLimit;
    private final Duration grace;
    private final EvaluationWorker worker = new EvaluationWorker("mlp-interpreter");
    private volatile Evaluation current;

    /** One call of eval: what stopped it, if anything. */
    private static final class Evaluation {
        volatile boolean stopped;
        volatile boolean timedOut;
        volatile RuntimeException listenerFailure;
    }

    /** An interpreter with the defaults: printing to {@code System.out}, nothing else allowed. */
    public MlpInterpreter() {
        this(new Builder());
    }

    private MlpInterpreter(Builder b) {
        settings = b.settings();
        if (b.listener != null) settings.trainingListener(adapt(b.listener));
        interpreter = new Interpreter(settings);
        timeLimit = b.timeLimit;
        grace = b.grace;
    }

    /** Starts configuring an interpreter; the builder can make any number of them. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- evaluation ----

    /**
     * Runs a script and returns the value of its last expression statement, or null when the
     * script ends with an assignment (or is empty). Errors are reported under the file name
     * {@value #DEFAULT_FILE_NAME}.
     *
     * @throws MlpError     whatever goes wrong in the script, with its position
     * @throws MlpStopped   when {@link #cancel()} or the time limit stopped it
     */
    public MlpValue eval(String code) {
        return eval(code, DEFAULT_FILE_NAME);
    }

    /**
     * Runs a script whose errors are reported under {@code fileName}.
     *
     * @throws MlpError   whatever goes wrong in the script, with its position
     * @throws MlpStopped when {@link #cancel()} or the time limit stopped it
     */
    public MlpValue eval(String code, String fileName) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(fileName, "fileName");
        return evaluate(() -> MlpProgram.parse(code, fileName), null); // parsed on the interpreter's deep stack
    }

    /**
     * Reads a script to its end and runs it; errors are reported under {@code fileName}.
     *
     * @throws IOException when the reader fails
     * @throws MlpError    whatever goes wrong in the script, with its position
     * @throws MlpStopped  when {@link #cancel()} or the time limit stopped it
     */
    public MlpValue eval(Reader script, String fileName) throws IOException {
        StringWriter text = new StringWriter();
        script.transferTo(text);
        return eval(text.toString(), fileName);
    }

    /**
     * Runs a program parsed before with {@link MlpProgram#parse} (parse once, run many times).
     *
     * @throws MlpError   whatever goes wrong in the script, with its position
     * @throws MlpStopped when {@link #cancel()} or the time limit stopped it
     */
    public MlpValue eval(MlpProgram program) {
        return eval(program, null);
    }

    /** Runs a program with its print output going to {@code out} (null: the configured output). */
    MlpValue eval(MlpProgram program, Writer out) {
        Objects.requireNonNull(program, "program");
        return evaluate(() -> program, out);
    }

    private MlpValue evaluate(Callable<MlpProgram> program, Writer out) {
        if (worker.onWorkerThread())
            throw new IllegalStateException("eval cannot be called while this interpreter is evaluating (from a listener)");
        Evaluation ev = new Evaluation();
        Future<MlpValue> result = submit(() -> run(program, out, ev));
        return await(result, ev, timeLimit);
    }

    /** The body of one evaluation, on the interpreter's thread. */
    private MlpValue run(Callable<MlpProgram> source, Writer out, Evaluation ev) throws Exception {
        // this order (publish, clear, check) loses no cancel(): see cancel()
        current = ev;
        interpreter.cancellation().clear();
        PrintWriter before = settings.out();
        if (out != null) settings.out(out instanceof PrintWriter p ? p : new PrintWriter(out, true));
        try {
            if (ev.stopped) throw stopped(ev, null);
            MlpProgram program = source.call();
            Value[] last = {null};
            interpreter.run(program.statements(), v -> last[0] = v);
            if (ev.listenerFailure != null) throw ev.listenerFailure;
            if (ev.stopped) throw stopped(ev, null); // e.g. a train that was the last statement
            return MlpValue.of(last[0]);
        } catch (MlpError e) {
            if (ev.listenerFailure != null) throw ev.listenerFailure;
            if (ev.stopped && !(e instanceof MlpStopped)) throw stopped(ev, e);
            throw e;
        } finally {
            settings.out().flush();
            settings.out(before);
            current = null;
        }
    }

    private MlpStopped stopped(Evaluation ev, MlpError where) {
        String why = ev.timedOut
                ? EvaluationWorker.timeLimitReached(timeLimit)
                : "stopped: the evaluation was cancelled";
        return new MlpStopped(why, where == null ? null : where.pos(), ev.timedOut);
    }

    /**
     * Asks the running evaluation, if any, to stop, and returns at once. A {@code train} in
     * progress stops after its current epoch: its model keeps the parameters of that epoch and its
     * run so far is kept (bound to its name when the statement assigns it). Otherwise evaluation
     * stops at the next statement or function call. The {@code eval} that was running then throws
     * {@link MlpStopped}. Inside one long operation: a large matrix product (also inside an
     * epoch of training) stops between blocks of rows, an animated GIF between frames; a large
     * lstsq or inv returns at once and finishes unseen in the background; any other operation
     * stops when it ends. With no evaluation running, it does nothing.
     */
    public void cancel() {
        stop(current);
    }

    private void stop(Evaluation ev) {
        if (ev == null) return;
        // Mark first, then request, and only when ev is the one running (a call that gave up
        // waiting in the queue must not cancel someone else's evaluation). run() publishes
        // itself, clears the request, then checks the mark: whichever order the two threads
        // take, the mark or the request is seen.
        ev.stopped = true;
        if (current == ev) interpreter.cancellation().request();
    }

    /** Waits for a result, stopping the evaluation when the limit is reached. */
    private <T> T await(Future<T> result, Evaluation ev, Duration limit) {
        try {
            return EvaluationWorker.await(result, limit, grace, () -> {
                ev.timedOut = true;
                stop(ev);
            });
        } catch (TimeoutException stuck) {
            throw new MlpStopped(EvaluationWorker.timeLimitReachedInside(limit), null, true);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause(), ev);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(ev);
            throw new MlpStopped("stopped: the thread waiting for the evaluation was interrupted", null, false);
        }
    }

    private static RuntimeException rethrown(Throwable failure, Evaluation ev) {
        if (ev != null && failure == ev.listenerFailure) return ev.listenerFailure;
        return EvaluationWorker.failure(failure);
    }

    private <T> Future<T> submit(Callable<T> job) {
        return worker.submit(job);
    }

    /**
     * Runs a short job on the interpreter's thread (directly, when already on it: inside a run,
     * during its budget) and waits for it; a job sent there works during the interpreter's budget
     * (its cap applies to the lists a snapshot makes).
     */
    private <T> T onWorker(Callable<T> job) {
        if (worker.onWorkerThread()) return callUnchecked(job);
        return await(submit(() -> interpreter.budget().during(() -> callUnchecked(job))), null, null);
    }

    private static <T> T callUnchecked(Callable<T> job) {
        try {
            return job.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- names ----

    /** Binds {@code name} to a number. */
    public void set(String name, double value) {
        define(name, value);
    }

    /**
     * Binds {@code name} to a tensor with these rows (copied: later changes to the array are not
     * seen by the script).
     *
     * @throws IllegalArgumentException when the rows differ in length
     */
    public void set(String name, double[][] rows) {
        define(name, Objects.requireNonNull(rows, "rows"));
    }

    /** Binds {@code name} to a tensor holding a copy of {@code matrix}. */
    public void set(String name, DMatrixRMaj matrix) {
        define(name, Objects.requireNonNull(matrix, "matrix"));
    }

    /** Binds {@code name} to a string. */
    public void set(String name, String text) {
        define(name, Objects.requireNonNull(text, "text"));
    }

    /** Binds {@code name} to true or false. */
    public void set(String name, boolean value) {
        define(name, value);
    }

    /**
     * Binds {@code name} to a value handed out before, by this interpreter or another one:
     * numbers, tensors, strings, booleans and lists are copied; a layer, a run or a function is
     * passed as itself (a layer trained in one interpreter can be used in another).
     */
    public void set(String name, MlpValue value) {
        define(name, Objects.requireNonNull(value, "value"));
    }

    /**
     * Binds {@code name} to a Java value converted as the JSR-223 engine converts bindings: a
     * {@code Number}, {@code double[][]}, {@code double[]} (a 1×n row, like the literal
     * {@code [1, 2, 3]}), {@code DMatrixRMaj}, {@code String}, {@code Boolean}, {@code List} of
     * such, or {@link MlpValue}.
     */
    void define(String name, Object javaValue) {
        Conversions.checkName(name);
        Value v = Conversions.toValue(javaValue); // converted (copied) here, on the caller's thread
        onWorker(() -> {
            interpreter.globals().define(name, v);
            return null;
        });
    }

    /** Binds (or, with null, unbinds) a name and returns a snapshot of what it was bound to, or null. */
    MlpValue replace(String name, Value value) {
        return onWorker(() -> {
            MlpValue before = MlpValue.of(interpreter.globals().own().get(name));
            if (value == null) interpreter.globals().remove(name);
            else interpreter.globals().define(name, value);
            return before;
        });
    }

    /** A snapshot of the value bound to {@code name}, or null. */
    MlpValue find(String name) {
        return onWorker(() -> MlpValue.of(interpreter.globals().own().get(name)));
    }

    /**
     * The value bound to {@code name} in this session (the built-ins are not included).
     *
     * @throws MlpError when no such name is bound
     */
    public MlpValue get(String name) {
        Objects.requireNonNull(name, "name");
        return onWorker(() -> {
            Value v = interpreter.globals().own().get(name);
            if (v == null) {
                String near = Suggest.nearest(name, interpreter.globals().own().keySet());
                throw new MlpError("unknown name '" + name + "'" + (near != null ? " — did you mean '" + near + "'?" : ""));
            }
            return MlpValue.of(v);
        });
    }

    /**
     * The number bound to {@code name} (a 1×1 tensor counts).
     *
     * @throws MlpError when the name is unbound or not a number
     */
    public double getDouble(String name) {
        return get(name).asDouble();
    }

    /**
     * A copy of the tensor bound to {@code name}, as rows.
     *
     * @throws MlpError when the name is unbound or not a tensor
     */
    public double[][] getArray(String name) {
        return get(name).asArray();
    }

    /**
     * A copy of the tensor bound to {@code name}, as an EJML matrix.
     *
     * @throws MlpError when the name is unbound or not a tensor
     */
    public DMatrixRMaj getMatrix(String name) {
        return get(name).asMatrix();
    }

    /** True when {@code name} is bound in this session. */
    public boolean has(String name) {
        Objects.requireNonNull(name, "name");
        return onWorker(() -> interpreter.globals().own().containsKey(name));
    }

    /** The names bound in this session, in the order they were first bound. */
    public Set<String> names() {
        return onWorker(() -> Collections.unmodifiableSet(new LinkedHashSet<>(interpreter.globals().own().keySet())));
    }

    /** Unbinds {@code name}; nothing happens when it is not bound. */
    public void remove(String name) {
        Objects.requireNonNull(name, "name");
        onWorker(() -> {
            interpreter.globals().remove(name);
            return null;
        });
    }

    /** Every name of the session with a snapshot of its value (for the JSR-223 bindings). */
    Map<String, MlpValue> snapshot() {
        return onWorker(() -> {
            Map<String, MlpValue> out = new LinkedHashMap<>();
            interpreter.globals().own().forEach((k, v) -> out.put(k, MlpValue.of(v)));
            return out;
        });
    }

    /**
     * Stops a running evaluation ({@link #cancel()}) and lets the interpreter's thread end; later
     * calls throw {@code IllegalStateException}. It does not wait.
     */
    @Override
    public void close() {
        cancel();
        worker.close();
    }

    // ---- training progress ----

    /** The host's listener as the runtime's training hook; a listener that throws stops training. */
    private TrainingListener adapt(ProgressListener listener) {
        return new TrainingListener() {
            private int planned;

            @Override
            public void started(Run run) {
                planned = run.plannedEpochs();
            }

            @Override
            public void epoch(int epoch, double loss, DMatrixRMaj predictions) {
                try {
                    listener.epoch(epoch, planned, loss);
                } catch (RuntimeException e) {
                    Evaluation ev = current;
                    if (ev != null && ev.listenerFailure == null) {
                        ev.listenerFailure = e;
                        stop(ev);
                    }
                }
            }
        };
    }

    // ---- configuration ----

    /**
     * How an interpreter is made: where its output goes and what it may do. A builder can make
     * any number of interpreters ({@link #build()}); they share no state, only these settings
     * (and the {@code Writer}s and listener given here, which must then be safe to share).
     */
    public static final class Builder {
        private Writer output = new PrintWriter(System.out, true);
        private Writer progress;
        private ProgressListener listener;
        private mlp.train.ProgressSink progressSink;
        private Settings.Pictures pictures = Settings.Pictures.OFF;
        private mlp.io.PictureSink pictureSink;
        private Path plotsDir = Path.of("plots");
        private Path fileRoot;
        private Path workingDir;
        private long maxElements = Limits.DEFAULT_MAX_ELEMENTS;
        private long maxEpochs = Long.MAX_VALUE;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Duration timeLimit;
        private Duration grace = Duration.ofSeconds(1); // how long a timed-out evaluation gets to stop

        private Builder() {
        }

        /** How long an evaluation past its time limit gets to stop before eval gives up on it (tests shorten it). */
        Builder grace(Duration grace) {
            this.grace = grace;
            return this;
        }

        /** Where {@code print} writes (default: {@code System.out}). */
        public Builder output(Writer out) {
            this.output = Objects.requireNonNull(out, "out");
            return this;
        }

        /** Discards what {@code print} writes. */
        public Builder outputOff() {
            this.output = Writer.nullWriter();
            return this;
        }

        /**
         * Writes training's progress as text to {@code out}: one line per {@code train} call when
         * it ends (the default is no progress text at all).
         */
        public Builder progress(Writer out) {
            this.progress = Objects.requireNonNull(out, "out");
            return this;
        }

        /** Calls {@code listener} after every epoch of every {@code train} call. */
        public Builder progress(ProgressListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Hands training's progress bar, the same line a terminal shows, to {@code sink} a few
         * times a second and once at the end (a notebook redraws it in place). A listener given
         * with {@link #progress(ProgressListener)} is called as well.
         */
        public Builder progress(mlp.train.ProgressSink sink) {
            this.progressSink = Objects.requireNonNull(sink, "sink");
            this.progress = null;
            return this;
        }

        /** No progress text and no listener (the default). */
        public Builder progressOff() {
            this.progress = null;
            this.progressSink = null;
            this.listener = null;
            return this;
        }

        /** Pictures ({@code animate}, {@code scatter}, {@code plot}...) draw nothing and write nothing (the default). */
        public Builder picturesOff() {
            this.pictures = Settings.Pictures.OFF;
            return this;
        }

        /**
         * Pictures go to {@code sink}: still ones as PNG bytes, animations as an HTML player (or a
         * GIF), {@code live=true} as a picture replaced while training. A {@code file=} named in
         * the script is still written there, if {@link #allowFiles} allows it.
         */
        public Builder pictures(mlp.io.PictureSink sink) {
            this.pictureSink = Objects.requireNonNull(sink, "sink");
            this.pictures = Settings.Pictures.INLINE;
            return this;
        }

        /** Pictures are written as PNG/GIF files into {@code folder}, and their paths printed. */
        public Builder picturesToFiles(Path folder) {
            this.pictures = Settings.Pictures.FILES;
            this.plotsDir = folder.toAbsolutePath().normalize();
            return this;
        }

        /**
         * Pictures open windows; where no display exists (a headless JVM) they are written into
         * {@code fallbackFolder} instead.
         */
        public Builder picturesInWindows(Path fallbackFolder) {
            this.pictures = Settings.Pictures.WINDOWS;
            this.plotsDir = fallbackFolder.toAbsolutePath().normalize();
            return this;
        }

        /**
         * Lets {@code load} and {@code save} touch files inside {@code folder} (and its
         * subfolders), and nothing outside it; relative names are resolved against it. Without
         * this, every file access is refused.
         */
        public Builder allowFiles(Path folder) {
            this.fileRoot = folder.toAbsolutePath().normalize();
            return this;
        }

        /**
         * The folder relative file names are resolved against (default: the folder
         * {@link #allowFiles} grants). A notebook grants the file system and resolves against
         * the notebook's folder, as the command line does against the current one.
         */
        public Builder workingDir(Path folder) {
            this.workingDir = folder.toAbsolutePath().normalize();
            return this;
        }

        /**
         * The largest tensor, in elements, any operation may create (default 100 million): a
         * larger one is an {@link MlpError} naming its size, not an {@code OutOfMemoryError}.
         */
        public Builder maxElements(long max) {
            if (max < 1) throw new IllegalArgumentException("maxElements must be at least 1, not " + max);
            this.maxElements = max;
            return this;
        }

        /** The most epochs one {@code train} call may run (default: no cap). */
        public Builder maxEpochs(long max) {
            if (max < 1) throw new IllegalArgumentException("maxEpochs must be at least 1, not " + max);
            this.maxEpochs = max;
            return this;
        }

        /**
         * How many cores large matrix products and the elementwise passes of large tensors use
         * (default: all the machine has). One thread gives
         * the same numbers as many, bit for bit. The native BLAS (OpenBLAS) takes part in this only
         * when the process runs it single-threaded ({@code OPENBLAS_NUM_THREADS=1} in the
         * environment, as the {@code mlp} launcher sets); otherwise it uses its own threads.
         */
        public Builder threads(int threads) {
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, not " + threads);
            this.threads = threads;
            return this;
        }

        /**
         * The longest one {@code eval} may take, counted from the call (so waiting for an earlier
         * call counts too). When it is
         * reached the evaluation is stopped as by {@link MlpInterpreter#cancel()}, and
         * {@code eval} throws an {@link MlpStopped} whose {@link MlpStopped#timedOut()} is true,
         * at most about a second later. A single operation that cannot be interrupted (drawing
         * a very large random tensor, say) finishes in the background; the interpreter's next call waits
         * for it. Null (the default) means no limit.
         */
        public Builder timeLimit(Duration limit) {
            if (limit != null && (limit.isNegative() || limit.isZero()))
                throw new IllegalArgumentException("the time limit must be positive, not " + limit);
            this.timeLimit = limit;
            return this;
        }

        /** A new interpreter with these settings. */
        public MlpInterpreter build() {
            return new MlpInterpreter(this);
        }

        private Settings settings() {
            Settings s = new Settings()
                    .out(output instanceof PrintWriter p ? p : new PrintWriter(output, true))
                    .progress(progress == null ? null
                            : new PrintStream(new WriterOutputStream(progress), true, StandardCharsets.UTF_8))
                    .progressIsTerminal(false)
                    .pictures(pictures)
                    .plotsDir(plotsDir)
                    .fileRoot(fileRoot)
                    .maxElements(maxElements)
                    .maxEpochs(maxEpochs)
                    .threads(threads)
                    .progressSink(progressSink);
            if (pictures == Settings.Pictures.INLINE) s.pictures(pictureSink);
            if (workingDir != null) s.workingDir(workingDir);
            else if (fileRoot != null) s.workingDir(fileRoot);
            return s;
        }
    }
}
