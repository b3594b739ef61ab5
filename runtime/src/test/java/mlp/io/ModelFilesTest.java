package mlp.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mlp.Mlp;
import mlp.MlpError;
import mlp.nn.Layer;
import mlp.nn.Linear;
import mlp.eval.Interpreter;
import mlp.syntax.Source;
import mlp.value.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Models saved as JSON and loaded back: the same predictions, and clear errors for anything else. */
class ModelFilesTest {
    @TempDir
    Path dir;

    /** A trained model using every kind of layer, its predictions on X, and the interpreter holding them. */
    private Interpreter trained() {
        Interpreter it = Mlp.interpreter(new StringWriter());
        it.run(new Source("t.mlp", """
                seed(2)
                X = randn(40, 3)
                y = X @ [[1, 0], [0, 1], [1, 1]] + 0.1 * randn(40, 2)
                model = linear(3, 4) |> leaky_relu(0.2) |> residual |> batchnorm |> dropout(0.1)
                     |> residual(linear(4, 4, bias=false) |> tanh |> linear(4)) |> sigmoid |> identity |> softmax
                     |> gelu |> elu |> softplus |> silu |> layernorm |> linear(2)
                run = train(model, X, y, lr=0.01, epochs=30)
                pred = model(X)
                """));
        return it;
    }

    @Test
    void aSavedModelLoadsWithItsWeightsAndRunningStatistics() {
        Interpreter it = trained();
        Layer model = (Layer) it.globals().lookup("model");
        Path file = dir.resolve("m.json");
        assertTrue(ModelFiles.isModel(model));
        ModelFiles.save(model, file);
        Layer loaded = (Layer) ModelFiles.load(file);
        assertEquals(model.toString(), loaded.toString(), "the same layers, widths and parameter counts");
        java.util.Set<String> types = new java.util.TreeSet<>();
        collectTypes(model, types);
        assertEquals(new java.util.TreeSet<>(mlp.nn.LayerKinds.types()), types,
                "the model uses every kind of layer a file can hold (add a new kind to it)");
        it.globals().define("loaded", loaded);
        DMatrixRMaj want = ((Tensor) it.globals().lookup("pred")).data();
        DMatrixRMaj got = ((Tensor) it.run(new Source("t.mlp", "loaded(X)"))).data();
        assertArrayEquals(want.data, got.data, "every digit of every weight and statistic survives");
        // and it trains on as the original would (the same dropout masks from the same seed)
        it.run(new Source("t.mlp", "seed(9)\na = train(model, X, y, epochs=5)\nseed(9)\nb = train(loaded, X, y, epochs=5)"));
        assertArrayEquals(((Tensor) it.run(new Source("t.mlp", "a.loss"))).data().data,
                ((Tensor) it.run(new Source("t.mlp", "b.loss"))).data().data);
    }

    private static void collectTypes(Layer l, java.util.Set<String> into) {
        into.add(l.type());
        for (Layer c : l.children()) collectTypes(c, into);
    }

    @Test
    void theFileIsReadableJsonWithAFormatMark() throws IOException {
        Layer model = (Layer) Mlp.eval("linear(2, 2, init=identity) |> relu");
        Path file = dir.resolve("m.json");
        ModelFiles.save(model, file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals("mlp-model", json.get("format").asText());
        assertEquals(1, json.get("version").asInt());
        assertEquals("linear", json.get("model").get("layers").get(0).get("type").asText());
        assertEquals("[[1.0,0.0],[0.0,1.0]]", json.get("model").get("layers").get(0).get("weight").toString());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left beside the model");
        }
    }

    @Test
    void savingOverAFileReplacesIt() throws IOException {
        Path file = dir.resolve("m.json");
        Files.writeString(file, "old contents");
        ModelFiles.save(Mlp.eval("linear(2, 3)"), file);
        assertEquals("linear(2, 3)", ((Layer) ModelFiles.load(file)).describe());
    }

    @Test
    void nanAndInfinityRoundTrip() {
        Interpreter it = Mlp.interpreter(new StringWriter());
        it.run(new Source("t.mlp", "l = lstsq([[0], [1]], [[0], [1]])"));
        Linear l = (Linear) it.globals().lookup("l");
        l.weight().value.data[0] = Double.NaN;
        l.bias().value.data[0] = Double.NEGATIVE_INFINITY;
        Path file = dir.resolve("nan.json");
        ModelFiles.save(l, file);
        Linear back = (Linear) ModelFiles.load(file);
        assertTrue(Double.isNaN(back.weight().value.data[0]));
        assertEquals(Double.NEGATIVE_INFINITY, back.bias().value.data[0]);
    }

    private MlpError loadFails(String contents) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, contents);
        return assertThrows(MlpError.class, () -> ModelFiles.load(file));
    }

    @Test
    void corruptedOrForeignFilesAreClearErrors() throws IOException {
        Path good = dir.resolve("good.json");
        ModelFiles.save(Mlp.eval("linear(2, 2) |> relu |> linear(2, 1)"), good);
        String text = Files.readString(good);
        assertTrue(loadFails(text.substring(0, text.length() / 2)).plainMessage().startsWith("bad.json is not a model file: it is not valid JSON"));
        assertEquals("bad.json is not an mlp model file (it has no \"format\": \"mlp-model\")", loadFails("{\"a\": 1}").plainMessage());
        assertEquals("bad.json is not an mlp model file (it has no \"format\": \"mlp-model\")", loadFails("[1, 2, 3]").plainMessage());
        assertEquals("bad.json is a model file of version 7, which this mlp cannot read (it reads version 1)",
                loadFails("{\"format\": \"mlp-model\", \"version\": 7}").plainMessage());
        assertEquals("bad.json is not a valid model file: model.layers[0].weight must have 2 rows, not 1",
                loadFails(text.replaceFirst("\\[\\s*\\[[^\\]]*\\],", "[")).plainMessage());
        assertEquals("bad.json is not a valid model file: model.layers[1] has an unknown layer type 'swish'",
                loadFails(text.replace("\"relu\"", "\"swish\"")).plainMessage());
        assertEquals("bad.json is not a valid model file: model.layers[0].out must be a whole number of at least 1",
                loadFails(text.replaceFirst("\"out\" : 2", "\"out\" : -2")).plainMessage());
        assertEquals("cannot read nothing.json: no such file",
                assertThrows(MlpError.class, () -> ModelFiles.load(dir.resolve("nothing.json"))).plainMessage());
    }

    @Test
    void layersThatDoNotFitTogetherAreRejected() throws IOException {
        String text = """
                {"format": "mlp-model", "version": 1, "model": {"type": "stack", "layers": [
                  {"type": "linear", "in": 2, "out": 3, "weight": [[0, 0], [0, 0], [0, 0]], "bias": [0, 0, 0]},
                  {"type": "linear", "in": 2, "out": 1, "weight": [[0, 0]], "bias": [0]}]}}
                """;
        assertEquals("bad.json is not a valid model file: model.layers[1] (linear(2, 1)) does not fit the layer before it, which gives 3",
                loadFails(text).plainMessage());
    }

    @Test
    void aModelWhoseWidthIsNotKnownCannotBeSaved() {
        MlpError e = assertThrows(MlpError.class, () -> ModelFiles.save(Mlp.eval("relu |> linear(3)"), dir.resolve("m.json")));
        assertEquals("cannot save relu |> linear(?, 3) yet: its input width is not known (apply it to data or train it first)", e.plainMessage());
        assertFalse(ModelFiles.isModel(Mlp.eval("[[1, 2]]")));
    }
}
