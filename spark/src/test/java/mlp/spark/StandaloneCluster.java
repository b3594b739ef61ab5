package mlp.spark;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone cluster on 127.0.0.1 started from the Spark jars on the test class path:
 * a master and workers ({@code org.apache.spark.deploy.master.Master}, {@code ...worker.Worker}),
 * each its own JVM. A worker starts executors only from a SPARK_HOME whose jars/ holds Spark's
 * jars (and with SPARK_SCALA_VERSION set), so one is made of links to them.
 */
final class StandaloneCluster implements AutoCloseable {
    final Path home;
    final int port;
    final String master;
    private final String sparkClassPath;
    private final List<Process> processes = new ArrayList<>();
    final List<Process> workers = new ArrayList<>();

    StandaloneCluster(Path dir) throws IOException {
        home = dir.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            // Spark and its libraries; never mlp's own classes: executors get those from mlp-spark.jar
            if (!entry.endsWith(".jar") || entry.contains("/dev/mlp/") || entry.contains("/target/")) continue;
            Path link = home.resolve("jars").resolve(p.getFileName());
            if (!Files.exists(link)) Files.createSymbolicLink(link, p);
            jars.add(link.toString());
        }
        sparkClassPath = String.join(File.pathSeparator, jars);
        port = freePort();
        master = "spark://127.0.0.1:" + port;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    Process java(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dspark.master.rest.enabled=false", "-Dspark.ui.enabled=false", "-cp", sparkClassPath));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.remove("MLP_SPARK_MASTER");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    void startMaster() throws Exception {
        java(home.resolve("master.log"), "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", "0");
        waitFor(home.resolve("master.log"), "I have been elected leader", Duration.ofSeconds(90));
    }

    Process startWorker(int n) throws Exception {
        Path log = home.resolve("worker" + n + ".log");
        Path work = home.resolve("work" + n);
        Process w = java(log, "org.apache.spark.deploy.worker.Worker", master, "--host", "127.0.0.1",
                "--cores", "1", "--memory", "1g", "--work-dir", work.toString(), "--webui-port", "0");
        workers.add(w);
        waitFor(log, "Successfully registered with master", Duration.ofSeconds(90));
        return w;
    }

    /** Runs spark-submit's main class (org.apache.spark.deploy.SparkSubmit) as a user would, in client mode. */
    Process submit(Path log, Path jar, Path script, Path workingDir) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-cp", sparkClassPath, "org.apache.spark.deploy.SparkSubmit",
                "--master", master, "--deploy-mode", "client", "--class", "mlp.spark.Submit",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.executor.memory=512m",
                jar.toAbsolutePath().toString(), script.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workingDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    static void waitFor(Path log, String text, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains(text)) return;
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + text + "' in " + log + " after " + limit.toSeconds() + " s:\n"
                + (Files.exists(log) ? Files.readString(log) : "(no log)"));
    }

    /** Stops every process this cluster started (each by its own handle, children first). */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
