package mlp.spark;

import mlp.eval.Builtins;
import mlp.eval.Param;
import mlp.eval.Signature;

/** {@code spark()}: registered by Java's ServiceLoader when mlp-spark is on the class path. */
public final class SparkBuiltins implements Builtins.Module {
    // the parameters read by name, checked against their signatures when the built-ins are registered
    private static final Signature SPARK = Signature.of("spark(master=)");
    private static final Param MASTER = Param.of("master", SPARK);
    /** A cluster's members c.load and c.collect (made in {@link Cluster}). */
    static final Signature LOAD = Signature.of("load(files, partitions=0)"), COLLECT = Signature.of("collect(D)");
    static final Param FILES = Param.of("files", LOAD), PARTITIONS = Param.of("partitions", LOAD), D = Param.of("D", COLLECT);

    @Override
    public void register(Builtins b) {
        b.function("Clusters", SPARK,
                "Connects to an Apache Spark cluster and returns it (mlp-spark and Spark on the class path).\n"
                        + "The master is the one spark-submit gave, else MLP_SPARK_MASTER, else local[*] (this machine's\n"
                        + "cores); or name it: spark(\"spark://host:7077\"). c.load(\"data/*.csv\") reads CSV files as a\n"
                        + "distributed tensor D (D.rows, D.cols, D[:, 0:32]); train(model, X, y) trains on it data-parallel;\n"
                        + "model(X) predicts distributed; mse, mae, accuracy reduce on the cluster; save(P, \"out/\") writes a\n"
                        + "folder of CSV parts; c.collect(D) brings a small one home.\n"
                        + "Example: c = spark()  D = c.load(\"data/*.csv\")",
                a -> Cluster.connect(a.has(MASTER) ? a.string(MASTER) : null));
    }
}
