package mlp.examples.onnx;

import ai.onnxruntime.*;
import java.util.*;

/** Runs a model saved by mlp (save(model, "m.onnx")) in ONNX Runtime: java Predict m.onnx 1,2 3,4 (one row per argument). */
public final class Predict {
    public static void main(String[] args) throws OrtException {
        double[][] rows = Arrays.stream(args).skip(1).map(r -> Arrays.stream(r.split(",")).mapToDouble(Double::parseDouble).toArray()).toArray(double[][]::new);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession model = env.createSession(args[0]); OnnxTensor x = OnnxTensor.createTensor(env, rows); OrtSession.Result y = model.run(Map.of("X", x))) {
            for (double[] row : (double[][]) y.get(0).getValue()) System.out.println(Arrays.toString(row));
        }
    }
}
