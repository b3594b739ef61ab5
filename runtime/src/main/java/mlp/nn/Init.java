package mlp.nn;

import mlp.value.Str;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

import java.util.Random;

/**
 * How a linear layer's weight and bias start: the values of {@code init=}. {@code default},
 * {@code xavier} and {@code kaiming} are values of their own; {@code identity} is also the
 * identity activation and {@code zeros} also the function {@code zeros(r, c)}: {@link #of}
 * accepts all of them.
 */
public enum Init implements Value {
    /** PyTorch's nn.Linear: weight and bias uniform in ±1/sqrt(in). */
    DEFAULT("default"),
    /** Ones on the diagonal (torch.nn.init.eye_), bias 0. */
    IDENTITY("identity"),
    /** Weight and bias 0. */
    ZEROS("zeros"),
    /** Glorot uniform: weight uniform in ±sqrt(6/(in+out)), bias 0. */
    XAVIER("xavier"),
    /** He uniform for ReLU: weight uniform in ±sqrt(6/in), bias 0. */
    KAIMING("kaiming");

    private final String label;

    Init(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** "default, identity, zeros, xavier, kaiming". */
    public static String labels() {
        StringBuilder s = new StringBuilder();
        for (Init i : values()) s.append(s.length() > 0 ? ", " : "").append(i.label);
        return s.toString();
    }

    /** The init a value names, or null when it names none. */
    public static Init of(Value v) {
        if (v instanceof Init i) return i;
        if (v == Activation.IDENTITY) return IDENTITY;
        if (v instanceof Str s) for (Init i : values()) if (i.label.equals(s.value())) return i;
        return null;
    }

    /** Fills a weight (out×in) and a bias (1×out, or null), drawing from {@code random} when needed. */
    public void fill(DMatrixRMaj weight, DMatrixRMaj bias, Random random) {
        int out = weight.numRows, in = weight.numCols;
        weight.zero();
        if (bias != null) bias.zero();
        switch (this) {
            case DEFAULT -> {
                double bound = 1 / Math.sqrt(in);
                uniform(weight, bound, random);
                if (bias != null) uniform(bias, bound, random);
            }
            case IDENTITY -> {
                for (int i = 0; i < Math.min(out, in); i++) weight.unsafe_set(i, i, 1);
            }
            case ZEROS -> {
            }
            case XAVIER -> uniform(weight, Math.sqrt(6.0 / (in + out)), random);
            case KAIMING -> uniform(weight, Math.sqrt(6.0 / in), random);
        }
    }

    private static void uniform(DMatrixRMaj m, double bound, Random random) {
        for (int i = 0; i < m.getNumElements(); i++) m.data[i] = (2 * random.nextDouble() - 1) * bound;
    }

    @Override
    public String kind() {
        return "init";
    }

    @Override
    public String toString() {
        return label;
    }
}
