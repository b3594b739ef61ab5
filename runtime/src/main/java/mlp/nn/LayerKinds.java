package mlp.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one list of layer kinds: for each type name in a model file, how a layer of it is read
 * back (each layer writes itself, {@link Layer#write}). Adding a layer kind is its class and a
 * line here (and, for the language, its built-in in mlp.eval.LayerBuiltins).
 */
public final class LayerKinds {
    private LayerKinds() {
    }

    private static final Map<String, Function<LayerReader, Layer>> READERS = readers();

    private static Map<String, Function<LayerReader, Layer>> readers() {
        Map<String, Function<LayerReader, Layer>> m = new LinkedHashMap<>();
        m.put("stack", Stack::read);
        m.put("linear", Linear::read);
        m.put("residual", Residual::read);
        m.put("batchnorm", BatchNorm::read);
        m.put("dropout", Dropout::read);
        m.put("layernorm", LayerNorm::read);
        for (Activation a : Activations.ALL) m.put(a.name(), a::read);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** How a layer of this type is read, or null for a type no layer has. */
    public static Function<LayerReader, Layer> reader(String type) {
        return READERS.get(type);
    }

    public static List<String> types() {
        return new ArrayList<>(READERS.keySet());
    }
}
