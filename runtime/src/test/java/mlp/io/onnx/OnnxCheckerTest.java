package mlp.io.onnx;

import mlp.Mlp;
import mlp.nn.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ONNX's own checker (python3-onnx, with shape inference) accepts what mlp writes. Skipped, saying
 * so, where python3-onnx is not installed (CI need not have it).
 */
class OnnxCheckerTest {
    @TempDir
    Path dir;

    @Test
    void onnxsCheckerAcceptsAnExportedModel() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import onnx").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0, "python3-onnx is not installed");
        Layer model = (Layer) Mlp.eval("seed(1)\nm = linear(3, 8) |> leaky_relu(0.2) |> residual |> batchnorm |> dropout(0.1)"
                + " |> residual(linear(8, 8, bias=false) |> tanh |> linear(8)) |> sigmoid |> identity |> softmax |> linear(2)\nm");
        // function layers: what their bodies' ops become (masks, reductions, slices, a captured matrix, reshape, clip)
        Layer functions = (Layer) Mlp.eval("seed(1)\nW = randn(4, 4)\nm = linear(3, 4) |> (x -> x * sigmoid(x)) |> (x -> x * (x > 0))"
                + " |> (x -> x - mean(x, dim=1) + sum(x, dim=0) - max(x)) |> (x -> cat([x[:, 2:4], x[:, [1, 0]]], dim=1) @ W)"
                + " |> (x -> where(x != 0, clip(x, -1, 1), reshape(x, x.rows, 4) ^ 2) + softmax(x) + leaky_relu(x))\nm");
        check(python, model, "m");
        check(python, functions, "functions");
    }

    private void check(Path python, Layer model, String name) throws Exception {
        for (boolean f32 : new boolean[]{false, true}) {
            Path file = dir.resolve(name + (f32 ? "32.onnx" : "64.onnx"));
            OnnxFiles.save(model, file, f32);
            Process p = new ProcessBuilder(python.toString(), "-c",
                    "import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True); print('ok')", file.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(60, TimeUnit.SECONDS);
            assertEquals("ok", out, file.getFileName().toString());
        }
    }
}
