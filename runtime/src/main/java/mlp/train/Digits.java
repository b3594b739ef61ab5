package mlp.train;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number formatting for the progress line, without {@code String.format} or string {@code +}
 * (the first use of either in a JVM costs tens of milliseconds, inside the first training run). Numbers are
 * written as {@link mlp.value.Format#number} writes them: 4 decimals without trailing zeros,
 * scientific outside [1e-4, 1e15).
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

    /**
     * As {@link mlp.value.Format#number}: {@code String.format} rounds the shortest decimal form
     * of a double ({@link Double#toString}) half up, and so does this.
     */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        if (Double.isNaN(v) || Double.isInfinite(v)) return fixed(v, 0);
        double a = Math.abs(v);
        BigDecimal d = new BigDecimal(Double.toString(v));
        if (a >= 1e-4 && a < 1e15) return strip(d.setScale(4, RoundingMode.HALF_UP).toPlainString());
        BigDecimal r = d.round(new MathContext(5, RoundingMode.HALF_UP));
        int exp = r.precision() - r.scale() - 1;
        StringBuilder digits = new StringBuilder(r.unscaledValue().abs().toString()).append("0000");
        StringBuilder out = new StringBuilder(12);
        if (v < 0) out.append('-');
        return out.append(digits.charAt(0)).append('.').append(digits, 1, 5).append('e').append(exp < 0 ? '-' : '+')
                .append(two(Math.abs(exp))).toString();
    }

    private static String strip(String s) {
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        return s.substring(0, end);
    }
}
