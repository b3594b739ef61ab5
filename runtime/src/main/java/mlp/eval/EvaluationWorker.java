package mlp.eval;

import mlp.MlpError;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one evaluation worker of every front end (the REPL's session, the command line, the Java
 * API): a thread with a deep stack (the interpreter recurses over the syntax tree), one job at a
 * time, a wait that turns the waiting thread's interrupt into a cancel, and the one wording of
 * failures that are not MlpErrors ({@link #TOO_DEEP}, out of memory, an internal error), and
 * the time limit ({@link #await}: wait, stop the work when the limit passes, give it a grace to
 * end) with its wording. Cancelling is the interpreter's {@link Cancellation}, which the work checks.
 */
public final class EvaluationWorker implements AutoCloseable {
    /** The worker's stack: deep expressions and recursion must not overflow a default-sized one. */
    public static final long STACK_BYTES = 512L << 20;

    /** What a user reads when the stack ran out anyway. */
    public static final String TOO_DEEP = "too deep: the expression nests or recurses too deeply";

    private final ThreadPoolExecutor pool;
    private volatile Thread thread;

    /** A worker whose one daemon thread (named {@code name}) starts with the first job and ends when idle for 5 s. */
    public EvaluationWorker(String name) {
        pool = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), job -> {
            Thread t = new Thread(null, job, name, STACK_BYTES);
            t.setDaemon(true); // an idle interpreter never keeps the JVM alive
            thread = t;
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** True when called from the worker's own thread (a listener called by the running evaluation). */
    public boolean onWorkerThread() {
        return Thread.currentThread() == thread;
    }

    /** Queues a job; IllegalStateException once closed. */
    public <T> Future<T> submit(Callable<T> job) {
        try {
            return pool.submit(job);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("this interpreter is closed");
        }
    }

    /**
     * Runs a job on the worker and waits for its result. An interrupt of the waiting thread runs
     * {@code cancel} and goes on waiting: the work stops at its next check, leaving what it
     * changed whole. A failure comes back as {@link #failure} words it.
     */
    public <T> T run(Callable<T> job, Runnable cancel) {
        Future<T> done = submit(job);
        while (true) {
            try {
                return done.get();
            } catch (InterruptedException e) {
                cancel.run();
            } catch (ExecutionException e) {
                throw failure(e.getCause());
            }
        }
    }

    /**
     * Waits for a job's result. When {@code limit} (null: none) passes first, runs {@code stop}
     * (the job's cancel) and waits up to {@code grace} more for the job to end at its next check.
     *
     * @throws TimeoutException   when it has not ended then (inside one operation that cannot
     *                            be interrupted: it finishes in the background)
     * @throws ExecutionException when the job failed ({@link #failure} words its cause)
     */
    public static <T> T await(Future<T> result, Duration limit, Duration grace, Runnable stop)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (limit == null) return result.get();
        try {
            return result.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            stop.run();
            return result.get(grace.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** What a user reads when an evaluation was stopped by its time limit. */
    public static String timeLimitReached(Duration limit) {
        return "stopped: the time limit of " + seconds(limit) + " was reached";
    }

    /** ... and when it did not stop within the grace after it (see {@link #await}). */
    public static String timeLimitReachedInside(Duration limit) {
        return timeLimitReached(limit) + ", in the middle of an operation that cannot be interrupted; it finishes in"
                + " the background, and this interpreter's next call waits for it";
    }

    private static String seconds(Duration d) {
        double s = d.toNanos() / 1e9;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + " s";
    }

    /** A failure of the work as a user reads it: an MlpError as it is, anything else worded here. */
    public static RuntimeException failure(Throwable t) {
        if (t instanceof MlpError e) return e;
        if (t instanceof StackOverflowError) return new MlpError(TOO_DEEP);
        if (t instanceof OutOfMemoryError) return new MlpError("out of memory");
        return new MlpError("internal error in mlp (please report it): " + t);
    }

    /** Runs {@code code} on a new thread with the worker's deep stack and waits for it (the command line's main). */
    public static void runDeep(String name, Runnable code) throws InterruptedException {
        Thread t = new Thread(null, code, name, STACK_BYTES);
        t.start();
        t.join();
    }

    /** Lets the thread end once the job running, if any, ends; later jobs are refused. */
    @Override
    public void close() {
        pool.shutdown();
    }

    /** As {@link #close}, and interrupts the running job. */
    public void closeNow() {
        pool.shutdownNow();
    }
}
