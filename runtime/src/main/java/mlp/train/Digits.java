package mlp.train;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number formatting for the progress line, without {@code String.format} (whose first use in a
 * JVM costs tens of milliseconds of class loading, inside the first training run). Numbers are
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
        String frac = Long.toString(units % scale);
        String s = (units / scale) + (decimals > 0 ? "." + "0".repeat(decimals - frac.length()) + frac : "");
        return v < 0 && units != 0 ? "-" + s : s;
    }

    /** Two digits: 7 → "07". */
    static String two(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
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
        String digits = r.unscaledValue().abs().toString();
        digits = (digits + "0000").substring(0, 5);
        return (v < 0 ? "-" : "") + digits.charAt(0) + "." + digits.substring(1) + "e" + (exp < 0 ? "-" : "+") + two(Math.abs(exp));
    }

    private static String strip(String s) {
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        return s.substring(0, end);
    }
}
