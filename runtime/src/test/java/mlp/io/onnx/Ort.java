package mlp.io.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.ejml.data.DMatrixRMaj;

import java.util.Map;

/** Runs an ONNX model in ONNX Runtime (default session options, as a user would) on X, giving Y. */
final class Ort {
    private Ort() {
    }

    static DMatrixRMaj run(byte[] model, DMatrixRMaj x, boolean float32) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model, options)) {
            Object input;
            if (float32) {
                float[][] f = new float[x.numRows][x.numCols];
                for (int r = 0; r < x.numRows; r++) for (int c = 0; c < x.numCols; c++) f[r][c] = (float) x.get(r, c);
                input = f;
            } else {
                double[][] d = new double[x.numRows][x.numCols];
                for (int r = 0; r < x.numRows; r++) for (int c = 0; c < x.numCols; c++) d[r][c] = x.get(r, c);
                input = d;
            }
            try (OnnxTensor t = OnnxTensor.createTensor(env, input);
                 OrtSession.Result result = session.run(Map.of("X", t))) {
                Object y = result.get(0).getValue();
                if (y instanceof float[][] f) {
                    DMatrixRMaj m = new DMatrixRMaj(f.length, f[0].length);
                    for (int r = 0; r < f.length; r++) for (int c = 0; c < f[0].length; c++) m.set(r, c, f[r][c]);
                    return m;
                }
                return new DMatrixRMaj((double[][]) y);
            }
        }
    }
}
