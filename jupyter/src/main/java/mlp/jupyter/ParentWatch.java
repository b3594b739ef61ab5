package mlp.jupyter;

import java.util.Optional;

/**
 * Ends the kernel when the process that started it is gone (the notebook server was killed, the
 * client crashed): a kernel nobody can reach must not run on. The parent is
 * {@code JPY_PARENT_PID} when Jupyter set it, else the parent process.
 */
final class ParentWatch {
    private ParentWatch() {
    }

    static void start(Runnable onGone) {
        Optional<ProcessHandle> parent = parent();
        if (parent.isEmpty()) return;
        ProcessHandle p = parent.get();
        Thread t = new Thread(() -> {
            while (p.isAlive()) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
            onGone.run();
        }, "mlp-parent-watch");
        t.setDaemon(true);
        t.start();
    }

    private static Optional<ProcessHandle> parent() {
        String pid = System.getenv("JPY_PARENT_PID");
        if (pid != null && pid.matches("\\d+")) {
            Optional<ProcessHandle> p = ProcessHandle.of(Long.parseLong(pid));
            if (p.isPresent()) return p;
        }
        return ProcessHandle.current().parent();
    }
}
