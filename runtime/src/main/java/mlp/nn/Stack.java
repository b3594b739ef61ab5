package mlp.nn;

import mlp.autograd.Node;
import mlp.value.Indexable;
import mlp.value.ListValue;
import mlp.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Layers one after another ({@code a |> b |> c}): a model. Indexable ({@code model[0]}) and {@code .layers}. */
public final class Stack extends Layer implements Indexable {
    private final List<Layer> layers;

    public Stack(List<Layer> layers) {
        checkSize(layers);
        this.layers = List.copyOf(layers);
    }

    public List<Layer> layers() {
        return layers;
    }

    @Override
    public int inWidth() {
        for (Layer l : layers) {
            if (l.inWidth() >= 0) return l.inWidth();
            if (!l.keepsWidth()) return -1;
        }
        return -1;
    }

    @Override
    public int outWidth(int in) {
        int w = in;
        for (Layer l : layers) w = l.outWidth(w);
        return w;
    }

    @Override
    public boolean keepsWidth() {
        for (Layer l : layers) if (!l.keepsWidth()) return false;
        return true;
    }

    @Override
    public void resolve(int in, Random random, Given given) {
        int w = in;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            l.resolve(w, random, i == 0 ? given : Given.LAYER_BEFORE);
            w = l.outWidth(w);
        }
    }

    @Override
    public boolean resolved() {
        for (Layer l : layers) if (!l.resolved()) return false;
        return true;
    }

    @Override
    public Node forward(Node x, Graph graph) {
        Node h = x;
        for (Layer l : layers) h = l.forward(h, graph);
        return h;
    }

    @Override
    public List<Layer> children() {
        return layers;
    }

    @Override
    public List<Layer> summaryRows() {
        return layers;
    }

    @Override
    public String type() {
        return "stack";
    }

    @Override
    public void write(LayerWriter out) {
        out.layers("layers", layers);
    }

    /** A stack read back: its widths must fit together, as they did when it was saved. */
    static Layer read(LayerReader in) {
        Stack s = new Stack(in.layers("layers"));
        int w = -1;
        for (int i = 0; i < s.layers.size(); i++) {
            Layer l = s.layers.get(i);
            if (w >= 0 && l.inWidth() >= 0 && l.inWidth() != w)
                throw in.bad(".layers[" + i + "] (" + l.describe() + ") does not fit the layer before it, which gives " + w);
            w = l.outWidth(w);
        }
        return s;
    }

    @Override
    public String describe() {
        StringBuilder s = new StringBuilder();
        for (Layer l : layers) s.append(s.length() > 0 ? " |> " : "").append(l.describe());
        return s.toString();
    }

    /** A model prints as its summary: each layer, its output shape and parameter count, the total. */
    @Override
    public String toString() {
        return Summary.table(this);
    }

    @Override
    public int length() {
        return layers.size();
    }

    @Override
    public Value item(int i) {
        return layers.get(i);
    }

    @Override
    public Value member(String name) {
        return name.equals("layers") ? new ListValue(new ArrayList<>(layers)) : null;
    }

    @Override
    public List<String> memberNames() {
        return List.of("layers");
    }
}
