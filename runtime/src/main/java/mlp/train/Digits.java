package mlp.train;

/**
 * The rate and times of the progress line, without {@code String.format} or string {@code +}
 * (the first use of either in a JVM costs tens of milliseconds, inside the first training run).
 */
final class Digits {
    private Digits() {
    }

    /** {@code v} with exactly {@code decimals} decimals (rounded half up). */
    static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        long scale = 1;
        for (int i = 0; i < decimals; i++) scale *= 10;
        long units = Math.round(Math.abs(v) * scale);
        StringBuilder s = new StringBuilder(24);
        if (v < 0 && units != 0) s.append('-');
        s.append(units / scale);
        if (decimals > 0) {
            String frac = Long.toString(units % scale);
            s.append('.');
            for (int i = frac.length(); i < decimals; i++) s.append('0');
            s.append(frac);
        }
        return s.toString();
    }

    /** Two digits: 7 → "07". */
    static String two(long v) {
        return v < 10 ? new StringBuilder(2).append('0').append(v).toString() : Long.toString(v);
    }
}
