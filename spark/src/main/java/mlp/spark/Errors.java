package mlp.spark;

import mlp.MlpError;

/** What a failed Spark job means for a user: the MlpError a task threw, or Spark's first line. */
final class Errors {
    private Errors() {
    }

    /** The error a task threw (serialised back to the driver as the job's cause), else a plain one. */
    static MlpError of(Throwable e) {
        return of(e, java.nio.file.Path.of("").toAbsolutePath());
    }

    /** As {@link #of(Throwable)}, a bad CSV file named relative to the script's working folder. */
    static MlpError of(Throwable e, java.nio.file.Path workingDir) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MlpError m) return new MlpError(m.plainMessage());
            if (t instanceof CsvProblem p) return new MlpError(p.describe(workingDir));
        }
        return new MlpError("the cluster failed: " + firstLine(e));
    }

    static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
