package mlp.spark;

import mlp.MlpError;
import java.util.function.BooleanSupplier;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs Spark jobs for one interpreter call under a job group of their own, so that Ctrl-C (the
 * interpreter's cancellation) cancels exactly them; a failed job becomes the user's error.
 */
final class Jobs {
    private static final AtomicLong NEXT = new AtomicLong();

    private Jobs() {
    }

    static <T> T run(Cluster cluster, BooleanSupplier stop, String what, Supplier<T> job) {
        if (stop != null && stop.getAsBoolean()) throw new Cancelled(what); // Ctrl-C came between two jobs: start no more
        String group = "mlp-" + NEXT.incrementAndGet();
        var sc = cluster.context();
        sc.setJobGroup(group, "mlp " + what, true);
        Thread watcher = stop == null ? null : new Thread(() -> {
            try {
                while (!stop.getAsBoolean()) Thread.sleep(50);
                sc.cancelJobGroup(group);
            } catch (InterruptedException finished) {
                // the job finished first
            }
        }, "mlp-spark-cancel");
        if (watcher != null) {
            watcher.setDaemon(true);
            watcher.start();
        }
        try {
            return job.get();
        } catch (MlpError e) {
            throw e;
        } catch (Exception e) { // Spark's SparkException is checked, thrown from Scala undeclared
            if (stop != null && stop.getAsBoolean()) throw new Cancelled(what);
            throw Errors.of(e);
        } finally {
            if (watcher != null) watcher.interrupt();
            sc.clearJobGroup();
        }
    }

    /** A job cancelled by Ctrl-C (the Spark job group was cancelled). */
    static final class Cancelled extends MlpError {
        Cancelled(String what) {
            super(what + ": stopped (the cluster's jobs were cancelled)");
        }
    }
}
