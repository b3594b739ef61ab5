package mlp.spark;

import mlp.MlpError;
import mlp.eval.Builtin;
import mlp.value.HasMembers;
import mlp.value.Str;
import mlp.value.Num;
import mlp.value.Value;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;

/**
 * {@code c = spark()}: a connection to a Spark cluster (one SparkSession per JVM, shared by
 * every interpreter in it), with {@code c.load}, {@code c.collect}, {@code c.master}.
 */
public final class Cluster implements HasMembers {
    /** The environment variable that names the master when neither the call nor spark-submit does. */
    public static final String MASTER_VARIABLE = "MLP_SPARK_MASTER";

    private final SparkSession session;
    private final JavaSparkContext jsc;

    private Cluster(SparkSession session) {
        this.session = session;
        this.jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
    }

    /**
     * The cluster at {@code master}, or (null) the one spark-submit gave ({@code spark.master}),
     * else {@code MLP_SPARK_MASTER}, else {@code local[*]}. An active session on that master is
     * reused; one on another master is stopped first.
     */
    public static synchronized Cluster connect(String master) {
        String wanted = master != null ? master
                : System.getProperty("spark.master") != null ? System.getProperty("spark.master")
                : System.getenv(MASTER_VARIABLE) != null && !System.getenv(MASTER_VARIABLE).isBlank() ? System.getenv(MASTER_VARIABLE)
                : null;
        SparkSession active = SparkSession.getDefaultSession().isDefined() ? SparkSession.getDefaultSession().get() : null;
        if (active != null && active.sparkContext().isStopped()) active = null;
        if (active != null && (wanted == null || wanted.equals(active.sparkContext().master())))
            return new Cluster(active);
        if (active != null) active.stop();
        if (wanted == null) wanted = "local[*]";
        checkReachable(wanted);
        SparkConf conf = new SparkConf().setMaster(wanted).setAppName("mlp");
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.driver.host", "127.0.0.1");
        conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        try {
            SparkSession s = SparkSession.builder().config(conf).getOrCreate();
            s.sparkContext().setLogLevel("WARN");
            return new Cluster(s);
        } catch (RuntimeException e) {
            throw new MlpError("spark: cannot start on " + wanted + ": " + Errors.firstLine(e));
        }
    }

    /** The cluster of a host's own session (embedding). */
    public static Cluster of(SparkSession session) {
        return new Cluster(session);
    }

    /**
     * A standalone master that does not answer would leave Spark retrying for a minute and then
     * stopping in the background: it is tried here first, for a clear error at once.
     */
    static void checkReachable(String master) {
        if (!master.startsWith("spark://")) {
            if (master.startsWith("local")) return;
            throw new MlpError("spark: the master must be spark://host:port or local[n], not '" + master + "'");
        }
        String why = "";
        for (String hostPort : master.substring("spark://".length()).split(",")) { // spark://a:7077,b:7077 (standby masters)
            URI uri = URI.create("spark://" + hostPort);
            if (uri.getHost() == null || uri.getPort() < 0)
                throw new MlpError("spark: the master must be spark://host:port, not '" + master + "'");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 3000);
                return;
            } catch (IOException e) {
                why = e.getMessage();
            }
        }
        throw new MlpError("spark: cannot reach the master at " + master + " (" + why
                + "); is it running? Or use spark() for local[*]");
    }

    public SparkSession session() {
        return session;
    }

    public JavaSparkContext context() {
        return jsc;
    }

    public String master() {
        return jsc.master();
    }

    @Override
    public Value member(String name) {
        return switch (name) {
            case "load" -> new Builtin(SparkBuiltins.LOAD, a -> CsvLoad.load(this, a));
            case "collect" -> new Builtin(SparkBuiltins.COLLECT, a -> DistTensor.of(a, SparkBuiltins.D).collect(a));
            case "master" -> new Str(master());
            case "cores" -> new Num(jsc.defaultParallelism());
            default -> null;
        };
    }

    @Override
    public List<String> memberNames() {
        return List.of("load", "collect", "master", "cores");
    }

    @Override
    public String kind() {
        return "cluster";
    }

    @Override
    public String toString() {
        return "<cluster " + master() + ": " + jsc.defaultParallelism() + " cores>";
    }
}
