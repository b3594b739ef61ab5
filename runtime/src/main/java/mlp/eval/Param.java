package mlp.eval;

/**
 * A handle on one parameter of a built-in, made once when the built-in is declared (a module's
 * static field) and checked there against the signatures of the built-ins that read it: a
 * misspelt name fails when the module's class initialises, i.e. when the standard library is
 * built at start-up, not when a user calls the built-in. {@link Args}'s accessors take handles
 * only, never a name as text.
 */
public final class Param {
    private final String name;

    private Param(String name) {
        this.name = name;
    }

    /**
     * The parameter {@code name} of every signature in {@code of} (the built-ins whose bodies, or
     * the helpers they share, read it).
     *
     * @throws IllegalStateException when one of them has no such parameter, or none is given
     */
    public static Param of(String name, Signature... of) {
        if (of.length == 0) throw new IllegalStateException("the parameter '" + name + "' is declared for no built-in");
        for (Signature s : of)
            if (s.indexOf(name) < 0) {
                String near = Suggest.nearest(name, s.names());
                throw new IllegalStateException("the built-in " + s + " has no parameter '" + name + "'"
                        + (near != null ? " (did you mean '" + near + "'?)" : ""));
            }
        return new Param(name);
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
