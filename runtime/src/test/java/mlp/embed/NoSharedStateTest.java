package mlp.embed;

import mlp.MlpError;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interpreters in one JVM must share nothing: no variables, no random state, no settings. A
 * static field is state every interpreter shares, so each one in the runtime is either a
 * constant or listed here with the reason it is safe.
 */
class NoSharedStateTest {
    /** Static fields holding objects, and why sharing them between interpreters is safe. */
    private static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("mlp.eval.Builtins.STANDARD", "the registry, built once and never changed; its values hold no per-interpreter state"),
            Map.entry("mlp.eval.Signature.PARSED", "a thread-safe cache of parsed signatures (immutable once made)"),
            Map.entry("mlp.eval.Interpreter.DEFAULTS", "a thread-safe cache of parsed default expressions (immutable trees)"),
            Map.entry("mlp.tensor.Budget.WORKING", "a ThreadLocal: the budget (cap, cores, cancel) of the evaluation a thread works for, "
                    + "installed for one run and restored after it; never shared between threads"),
            Map.entry("mlp.tensor.Budget.NEVER", "a lambda without captured state"),
            Map.entry("mlp.tensor.Budget.DEFAULT", "an immutable record of constants"),
            Map.entry("mlp.tensor.Interrupt.BACKGROUND", "a pool of daemon threads for large decompositions; each task holds only its own inputs and output"),
            Map.entry("mlp.tensor.Products$Chosen.JAVA", "the pure-Java product: its settings are final; its packing buffers are per thread (a ThreadLocal)"),
            Map.entry("mlp.tensor.Products$Chosen.NATIVE", "the native BLAS, chosen once per process (MLP_BLAS); it keeps no state between calls"),
            Map.entry("mlp.tensor.product.VectorKernel.S", "the Vector API's species: an immutable description of the vector width"),
            Map.entry("mlp.tensor.product.NativeProduct.NETLIB_LOG", "the netlib logger, silenced while the native library loads"),
            Map.entry("mlp.tensor.product.Workers.POOL", "a pool of daemon threads for the blocks of large products; each task writes only its own block of the output"),
            Map.entry("mlp.value.Bool.TRUE", "an immutable record"),
            Map.entry("mlp.value.Bool.FALSE", "an immutable record"),
            Map.entry("mlp.embed.Conversions.KEYWORDS", "an immutable Set.of"),
            // the nn branch: built-in values that are configuration only
            Map.entry("mlp.nn.Activation.RELU", "an activation has no parameters; resolve() changes nothing"),
            Map.entry("mlp.nn.Activation.SIGMOID", "as RELU"),
            Map.entry("mlp.nn.Activation.TANH", "as RELU"),
            Map.entry("mlp.nn.Activation.LEAKY_RELU", "as RELU"),
            Map.entry("mlp.nn.Activation.SOFTMAX", "as RELU"),
            Map.entry("mlp.nn.Activation.IDENTITY", "as RELU"),
            Map.entry("mlp.eval.ActivationCall.LEAKY", "a Signature: final fields only"),
            Map.entry("mlp.nn.Layer$Given.LAYER_BEFORE", "a lambda without captured state"),
            Map.entry("mlp.io.ModelFiles.JSON", "Jackson's ObjectMapper: thread-safe once configured, never reconfigured"),
            Map.entry("mlp.train.Optimizers.ALL", "an immutable List.of optimizers, settings only (final fields); the moments "
                    + "live in a Stepper made per train call"),
            Map.entry("mlp.train.Losses.ALL", "an immutable List.of losses, which have no fields"),
            Map.entry("mlp.nn.Activations.ALL", "an immutable List.of the activations above"),
            Map.entry("mlp.nn.LayerKinds.READERS", "an unmodifiable map of stateless readers"),
            // the core branch
            Map.entry("mlp.io.CsvFiles.FORMAT", "commons-csv's CSVFormat is immutable"),
            // the plot branch
            Map.entry("mlp.plot.ChartStyle.COLORS", "a palette nobody writes to"),
            Map.entry("mlp.plot.Range.EMPTY", "a record of two doubles"),
            Map.entry("mlp.plot.Windows.LOCK", "guards the count below"),
            Map.entry("mlp.plot.Windows.open", "the JVM's open windows, process-wide by nature; only the command line's "
                    + "awaitAllClosed() reads it (an embedded host manages its own lifetime)"),
            Map.entry("mlp.plot.Windows.available", "whether this JVM has a display: a fact about the process, probed once"),
            Map.entry("mlp.plot.Windows.broken", "the process's display was found unusable: a fact about the process"),
            // the onnx branch: the ONNX forms, immutable records of List.of and Map.of
            Map.entry("mlp.nn.OnnxExpr.X", "an empty record"),
            Map.entry("mlp.nn.Linear.ONNX", "an OnnxExpr: immutable records, List.of, Map.of"),
            Map.entry("mlp.nn.Linear.ONNX_NO_BIAS", "as Linear.ONNX"),
            Map.entry("mlp.nn.BatchNorm.ONNX", "as Linear.ONNX"),
            Map.entry("mlp.nn.LayerNorm.ONNX", "as Linear.ONNX"),
            Map.entry("mlp.nn.LeakyRelu.ONNX_MAX", "as Linear.ONNX"),
            Map.entry("mlp.nn.LeakyRelu.ONNX_MIN", "as Linear.ONNX"),
            Map.entry("mlp.io.onnx.OnnxForms.ONE", "as Linear.ONNX"),
            Map.entry("mlp.nn.ElementaryForms.one", "as Linear.ONNX"),
            Map.entry("mlp.nn.ElementaryForms.two", "as Linear.ONNX"),
            Map.entry("mlp.nn.ElementaryForms.ELU", "as Linear.ONNX"),
            Map.entry("mlp.nn.ElementaryForms.SOFTPLUS", "as Linear.ONNX"),
            Map.entry("mlp.nn.ElementaryForms.SILU", "as Linear.ONNX"),
            Map.entry("mlp.nn.ElementaryForms.GELU", "as Linear.ONNX"),
            Map.entry("mlp.nn.ElementaryForms.LAYERNORM", "as Linear.ONNX"),
            Map.entry("mlp.io.onnx.OnnxForms.GELU_TORCH", "as Linear.ONNX"),
            Map.entry("mlp.io.onnx.OnnxForms.SILU_TORCH", "as Linear.ONNX"),
            Map.entry("mlp.io.onnx.OnnxReader.KNOWN_OPS", "an unmodifiable set of op names, made once"),
            Map.entry("mlp.io.onnx.OnnxForms.READINGS", "a List.of of records (expressions and stateless functions)"),
            Map.entry("mlp.nn.ElementaryForms.ERFC_CHEBYSHEV", "private constants read only while the forms are built"));

    /** Types whose instances cannot change. */
    private static final List<String> IMMUTABLE = List.of("java.lang.String", "java.util.regex.Pattern", "java.lang.Integer",
            "java.lang.Long", "java.lang.Double", "java.lang.Boolean", "java.time.Duration", "java.awt.Color", "java.awt.Font",
            "mlp.eval.Signature", "mlp.eval.Param"); // final fields: text, names, List.copyOf

    @Test
    void theRuntimeHasNoStaticMutableState() throws Exception {
        Path classes = Path.of(MlpError.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> found = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.class$", "");
                // protoc's classes for onnx.proto: default instances, parsers and descriptors, all immutable
                if (name.startsWith("mlp.io.onnx.proto.")) continue;
                Class<?> c = Class.forName(name, false, MlpError.class.getClassLoader());
                scanned++;
                for (Field f : c.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (!Modifier.isStatic(m) || f.isSynthetic() || f.isEnumConstant()) continue;
                    String id = c.getName() + "." + f.getName();
                    if (ALLOWED.containsKey(id)) continue;
                    if (!Modifier.isFinal(m)) {
                        found.add(id + " is static and not final");
                        continue;
                    }
                    Class<?> type = f.getType();
                    if (type.isPrimitive() || type.isEnum() || IMMUTABLE.contains(type.getName())) continue;
                    found.add(id + " (" + type.getSimpleName() + ")");
                }
            }
        }
        assertTrue(scanned > 50, "scanned only " + scanned + " classes in " + classes);
        assertTrue(found.isEmpty(), "static fields shared by every interpreter: " + found
                + "\nMake them per interpreter (a field of Interpreter or Settings), or add them to ALLOWED with the reason they are safe.");
    }
}
