package mlp.spark;

import mlp.embed.MlpInterpreter;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Java host's own SparkSession hands its rows to mlp; cancelling stops the cluster's jobs. */
class EmbeddingTest {
    private static SparkSession session() {
        return ((Cluster) Cluster.connect(null)).session();
    }

    private static List<double[]> rows() {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) rows.add(new double[]{i / 10.0, Math.sin(i), 2 * (i / 10.0) - Math.sin(i) + 1});
        return rows;
    }

    @Test
    void aDatasetOfRowsAndAnRddOfArraysTrainAsTheLocalRows() {
        SparkSession spark = session();
        List<Row> data = new ArrayList<>();
        for (double[] r : rows()) data.add(RowFactory.create(r[0], r[1], r[2]));
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
        Dataset<Row> ds = spark.createDataFrame(data, schema);
        JavaRDD<double[]> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows(), 3);
        double[][] local = rows().toArray(new double[0][]);
        String code = "seed(1)\nm = linear(2, 1)\nrun = train(m, D[:, 0:2], D[:, 2:3], lr=0.05, epochs=15, progress=false)\nrun.loss";
        try (MlpInterpreter mlp = MlpInterpreter.builder().outputOff().progressOff().build()) {
            mlp.set("D", local);
            double[][] expected = mlp.eval(code).asArray();
            mlp.set("D", MlpSpark.distributed(ds));
            double[][] fromDataset = mlp.eval(code).asArray();
            mlp.set("D", MlpSpark.distributed(rdd));
            double[][] fromRdd = mlp.eval(code).asArray();
            for (int e = 0; e < 15; e++) {
                assertEquals(expected[e][0], fromDataset[e][0], 1e-9 * expected[e][0]);
                assertEquals(expected[e][0], fromRdd[e][0], 1e-9 * expected[e][0]);
            }
            assertEquals("distributed tensor", mlp.get("D").kind());
        }
        Dataset<Row> text = spark.createDataFrame(List.of(RowFactory.create("x")), new StructType().add("name", DataTypes.StringType));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MlpSpark.distributed(text));
        assertEquals("column 'name' is string, not a number: mlp takes numeric columns only", e.getMessage());
    }

    @Test
    void aStopCancelsTheRunningJobGroup() {
        SparkSession spark = session();
        JavaRDD<Integer> slow = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(List.of(1, 2), 2)
                .map(i -> {
                    Thread.sleep(120_000);
                    return i;
                });
        AtomicBoolean stop = new AtomicBoolean();
        new Thread(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException ignored) {
            }
            stop.set(true);
        }).start();
        long start = System.nanoTime();
        Jobs.Cancelled c = assertThrows(Jobs.Cancelled.class, () -> Jobs.run(Cluster.connect(null), stop::get, "train", slow::count));
        assertTrue((System.nanoTime() - start) / 1e9 < 60, "the job group was not cancelled");
        assertEquals("train: stopped (the cluster's jobs were cancelled)", c.getMessage());
    }
}
