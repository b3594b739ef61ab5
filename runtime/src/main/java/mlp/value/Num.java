package mlp.value;

/** A number (a double). */
public record Num(double value) implements Value {
    @Override
    public String kind() {
        return "number";
    }

    @Override
    public String toString() {
        return Format.number(value);
    }
}
