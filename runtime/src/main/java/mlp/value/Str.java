package mlp.value;

public record Str(String value) implements Value {
    @Override
    public String kind() {
        return "string";
    }

    @Override
    public String toString() {
        return value;
    }
}
