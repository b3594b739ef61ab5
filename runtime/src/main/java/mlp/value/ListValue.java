package mlp.value;

import java.util.List;

/** A list: {@code ["X", "y"]}, or what a function returning several values gives. */
public record ListValue(List<Value> items) implements Value, Indexable {
    public ListValue {
        items = List.copyOf(items);
    }

    @Override
    public String kind() {
        return "list";
    }

    @Override
    public int length() {
        return items.size();
    }

    @Override
    public Value item(int i) {
        return items.get(i);
    }
}
