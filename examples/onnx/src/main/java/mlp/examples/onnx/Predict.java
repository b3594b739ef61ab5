package mlp.examples.onnx;

import ai.onnxruntime.*;
import java.util.*;

/** Runs a model saved by mlp (save(model, "m.onnx"), float64 or precision=32) in ONNX Runtime: java Predict m.onnx 1,2 3,4 (one row per argument). */
public final class Predict {
    public static void main(String[] args) throws OrtException {
        double[][] rows = Arrays.stream(args).skip(1).map(r -> Arrays.stream(r.split(",")).mapToDouble(Double::parseDouble).toArray()).toArray(double[][]::new);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession model = env.createSession(args[0])) {
            boolean float32 = ((TensorInfo) model.getInputInfo().get("X").getInfo()).type == OnnxJavaType.FLOAT;
            Object x = float32 ? Arrays.stream(rows).map(r -> { float[] f = new float[r.length]; for (int i = 0; i < r.length; i++) f[i] = (float) r[i]; return f; }).toArray(float[][]::new) : rows;
            try (OnnxTensor t = OnnxTensor.createTensor(env, x); OrtSession.Result y = model.run(Map.of("X", t))) {
                for (Object row : (Object[]) y.get(0).getValue()) System.out.println(row instanceof float[] f ? Arrays.toString(f) : Arrays.toString((double[]) row));
            }
        }
    }
}
