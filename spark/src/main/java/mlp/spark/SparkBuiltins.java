package mlp.spark;

import mlp.eval.Builtins;

/** {@code spark()}: registered by Java's ServiceLoader when mlp-spark is on the class path. */
public final class SparkBuiltins implements Builtins.Module {
    @Override
    public void register(Builtins b) {
        b.function("Clusters", "spark(master=)",
                "Connects to an Apache Spark cluster and returns it (mlp-spark and Spark on the class path).\n"
                        + "The master is the one spark-submit gave, else MLP_SPARK_MASTER, else local[*] (this machine's\n"
                        + "cores); or name it: spark(\"spark://host:7077\"). c.load(\"data/*.csv\") reads CSV files as a\n"
                        + "distributed tensor D (D.rows, D.cols, D[:, 0:32]); train(model, X, y) trains on it data-parallel;\n"
                        + "model(X) predicts distributed; mse, mae, accuracy reduce on the cluster; save(P, \"out/\") writes a\n"
                        + "folder of CSV parts; c.collect(D) brings a small one home.\n"
                        + "Example: c = spark()  D = c.load(\"data/*.csv\")",
                a -> Cluster.connect(a.has("master") ? a.string("master") : null));
    }
}
