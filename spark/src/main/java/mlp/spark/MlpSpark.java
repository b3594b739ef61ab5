package mlp.spark;

import mlp.embed.MlpValue;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * For a Java host with its own SparkSession: its rows as an mlp distributed tensor, to bind with
 * {@code MlpInterpreter.set(name, value)}. The rows stay on the cluster (cached there, counted once).
 * <pre>{@code
 * mlp.set("D", MlpSpark.distributed(spark.read().option("header", true).option("inferSchema", true).csv("data")));
 * mlp.eval("run = train(model, D[:, 0:32], D[:, 32:40], epochs=10)");
 * }</pre>
 */
public final class MlpSpark {
    private MlpSpark() {
    }

    /** A Dataset of numeric columns (every column a number type), in its row order. */
    public static MlpValue distributed(Dataset<Row> rows) {
        for (StructField f : rows.schema().fields())
            if (!(f.dataType() instanceof NumericType))
                throw new IllegalArgumentException("column '" + f.name() + "' is " + f.dataType().simpleString()
                        + ", not a number: mlp takes numeric columns only");
        int cols = rows.schema().fields().length;
        JavaRDD<double[]> numbers = rows.javaRDD().map(r -> {
            double[] d = new double[cols];
            for (int i = 0; i < cols; i++) d[i] = r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
            return d;
        });
        return MlpValue.ofModuleValue(DistTensor.of(Cluster.of(rows.sparkSession()), numbers));
    }

    /** Rows of equal length (a ragged row is an error when they are counted). */
    public static MlpValue distributed(JavaRDD<double[]> rows) {
        SparkSession session = SparkSession.builder().sparkContext(rows.context()).getOrCreate();
        try {
            return MlpValue.ofModuleValue(DistTensor.of(Cluster.of(session), rows));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(Errors.of(e).plainMessage(), e);
        }
    }
}
