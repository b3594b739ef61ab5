package mlp.plot;

/** An axis range: grown to hold every value shown, so that the axes stay still while points move. */
public record Range(double min, double max) {
    public static final Range EMPTY = new Range(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

    boolean isEmpty() {
        return !(min <= max);
    }

    /** This range grown to hold every finite value of {@code values}. */
    public Range include(double[] values) {
        double lo = min, hi = max;
        for (double v : values) {
            if (!Double.isFinite(v)) continue;
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        return lo == min && hi == max ? this : new Range(lo, hi);
    }

    public Range include(Range other) {
        if (other.isEmpty()) return this;
        if (isEmpty()) return other;
        return new Range(Math.min(min, other.min), Math.max(max, other.max));
    }

    /**
     * This range, or when {@code needed} reaches beyond it, a range that holds it with
     * {@code headroom} (a fraction of its width) to spare on the side it grew: a live chart's
     * axes then move seldom, in steps, instead of at every redraw.
     */
    Range grownFor(Range needed, double headroom) {
        if (needed.isEmpty()) return this;
        if (isEmpty()) return needed.padded(headroom);
        if (needed.min >= min && needed.max <= max) return this;
        Range both = include(needed);
        double spare = (both.max - both.min) * headroom;
        return new Range(needed.min < min ? both.min - spare : min, needed.max > max ? both.max + spare : max);
    }

    /** Widened by {@code fraction} of its width on each side; an empty or one-value range gets a width. */
    public Range padded(double fraction) {
        if (isEmpty()) return new Range(-1, 1);
        double width = max - min;
        if (width == 0) {
            double half = Math.max(Math.abs(min) * 0.1, 1e-6);
            return new Range(min - half, max + half);
        }
        return new Range(min - width * fraction, max + width * fraction);
    }
}
