package mlp.value;

import mlp.MlpError;
import mlp.tensor.Limits;

import java.util.List;

/**
 * A list: {@code ["X", "y"]}, or what a function returning several values gives.
 *
 * <p>Lists may hold lists, and the same list twice ({@code a = [a, a]} doubles), so a list keeps
 * its depth and its number of items counted all the way down, and refuses to be deeper than
 * {@link #MAX_DEPTH} or larger than the tensor size cap: printing and converting lists walk them
 * whole and recursively.
 */
public record ListValue(List<Value> items, int depth, long size) implements Value, Indexable {
    /** How deep lists may sit inside one another. */
    public static final int MAX_DEPTH = 100;

    /** The most items a list may hold, counting those in its lists (also at most the tensor size cap). */
    public static final long MAX_SIZE = 1_000_000;

    public ListValue {
        items = List.copyOf(items);
    }

    public ListValue(List<Value> items) {
        this(items, depthOf(items), sizeOf(items));
    }

    private static int depthOf(List<Value> items) {
        int depth = 1;
        for (Value v : items) if (v instanceof ListValue l) depth = Math.max(depth, l.depth() + 1);
        if (depth > MAX_DEPTH) throw new MlpError("lists nested too deeply: more than " + MAX_DEPTH + " inside one another");
        return depth;
    }

    private static long sizeOf(List<Value> items) {
        long size = 0;
        for (Value v : items) size += v instanceof ListValue l ? Math.max(1, l.size()) : 1;
        long max = Math.min(MAX_SIZE, Limits.maxElements());
        if (size > max)
            throw new MlpError("a list of " + size + " items, counting those in its lists, is too large (the limit is "
                    + max + ")");
        return size;
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
