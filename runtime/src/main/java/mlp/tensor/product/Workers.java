package mlp.tensor.product;

import mlp.MlpError;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs a fixed list of independent tasks on up to {@code threads} cores: the calling thread and
 * helpers from a shared pool each take the next task until none is left. Which thread runs a task
 * never changes what it computes (tasks write disjoint parts of the output), so results do not
 * depend on the number of threads. Every thread looks at the cancel check (the evaluation's) before
 * each task, and the calling thread also while it waits; a cancel stops every thread at its next
 * task boundary. Products use it, and so do the elementwise passes of large tensors
 * (mlp.tensor.Parallel).
 */
public final class Workers {
    private Workers() {
    }

    private static final ExecutorService POOL = Executors.newCachedThreadPool(job -> {
        Thread t = new Thread(job, "mlp-worker");
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code task.accept(i)} for every i < count, on at most {@code threads} threads. */
    public static void run(int count, int threads, IntConsumer task, Runnable cancelCheck) {
        int helpers = Math.min(threads, count) - 1;
        if (helpers <= 0) {
            for (int i = 0; i < count; i++) {
                cancelCheck.run();
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger running = new AtomicInteger(helpers);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Object done = new Object();
        Runnable helper = () -> {
            try {
                for (int i; failure.get() == null && (i = next.getAndIncrement()) < count; ) {
                    cancelCheck.run(); // here too: the caller may be descheduled on a loaded machine
                    task.accept(i);
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            } finally {
                synchronized (done) {
                    running.decrementAndGet();
                    done.notifyAll();
                }
            }
        };
        for (int h = 0; h < helpers; h++) POOL.execute(helper);
        try {
            for (int i; failure.get() == null && (i = next.getAndIncrement()) < count; ) {
                cancelCheck.run();
                task.accept(i);
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
        // wait for the helpers (each at most one task away), still answering a cancel
        synchronized (done) {
            while (running.get() > 0) {
                try {
                    done.wait(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure.compareAndSet(null, new MlpError("cancelled"));
                }
                if (failure.get() == null) {
                    try {
                        cancelCheck.run();
                    } catch (RuntimeException cancelled) {
                        failure.compareAndSet(null, cancelled);
                    }
                }
            }
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) throw r;
        if (e instanceof Error err) throw err;
        if (e != null) throw new IllegalStateException(e);
    }
}
