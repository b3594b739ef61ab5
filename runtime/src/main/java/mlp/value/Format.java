package mlp.value;

import org.ejml.data.DMatrixRMaj;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How values print. Tensors print like NumPy arrays under {@code np.set_printoptions(precision=4)}
 * (see {@link ArrayFormat}); a number prints on its own as Python's {@code repr} of a float: the
 * shortest decimal that reads back to the same double:
 * <ul>
 *   <li>a whole number prints without a decimal point: {@code 2}, {@code -3}, {@code 1000000}
 *       (up to 1e16; beyond, {@code 1e+20});</li>
 *   <li>otherwise as many digits as it takes and no more: {@code 0.1}, {@code 0.3333333333333333},
 *       {@code 0.00012345}, {@code -1.5};</li>
 *   <li>below 1e-4 or from 1e16 on (Python's limits), scientific: {@code 1e-05}, {@code 1.5e-07};</li>
 *   <li>{@code nan}, {@code inf}, {@code -inf}.</li>
 * </ul>
 * {@code format(x, digits)} gives fewer digits.
 * Strings print without quotes ({@link #print}) but are quoted when echoed ({@link #repr}).
 */
public final class Format {
    /** Decimals shown (NumPy's {@code precision}). */
    public static final int PRECISION = 4;

    private Format() {
    }

    /** How {@code print} shows a value: strings without quotes. */
    public static String print(Value v) {
        if (v instanceof Str s) return s.value();
        return repr(v);
    }

    /** How the REPL echoes a value: strings quoted, lists with their items' echo forms. */
    public static String repr(Value v) {
        if (v instanceof ListValue l) {
            StringBuilder out = new StringBuilder();
            list(l, out, new long[]{LIST_ITEMS});
            return out.toString();
        }
        return item(v);
    }

    /** Items a list prints before the rest is shown as {@code ...} (NumPy's threshold for arrays). */
    static final int LIST_ITEMS = 1000;

    private static String item(Value v) {
        if (v == null) return "nothing";
        if (v instanceof Str s) return '"' + s.value().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        return v.toString();
    }

    private static String listItem(Value v) {
        return v instanceof Str || v == null ? item(v) : v.inList();
    }

    // a list may hold the same big list many times over: the budget keeps what prints bounded
    private static void list(ListValue l, StringBuilder out, long[] budget) {
        out.append('[');
        for (int i = 0; i < l.length(); i++) {
            if (i > 0) out.append(", ");
            if (budget[0] <= 0) {
                out.append("...");
                break;
            }
            Value v = l.item(i);
            if (v instanceof ListValue inner) {
                list(inner, out, budget);
            } else {
                budget[0] -= v instanceof Tensor t ? Math.max(1, Math.min(LIST_ITEMS, (long) t.rows() * t.cols())) : 1;
                out.append(listItem(v));
            }
        }
        out.append(']');
    }

    /** A number on its own (see the class comment). */
    public static String number(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (isWhole(v)) return Long.toString((long) v);
        return shortest(v);
    }

    /** Python's repr of a float (not whole, or beyond 1e16): the fewest significant digits that read back as v. */
    static String shortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        BigDecimal bd = exact;
        for (int p = 1; p <= 17; p++) {
            bd = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (bd.doubleValue() == v) break;
        }
        bd = bd.stripTrailingZeros();
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 16) {
            String digits = bd.unscaledValue().abs().toString();
            String e = Integer.toString(Math.abs(exp));
            return (v < 0 ? "-" : "") + digits.charAt(0) + (digits.length() > 1 ? "." + digits.substring(1) : "")
                    + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
        return bd.toPlainString();
    }

    /** x rounded half-even to {@code digits} significant digits, printed as Python's '%.{digits}g' does. */
    public static String significant(double x, int digits) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        if (x == 0) return 1 / x < 0 ? "-0" : "0";
        BigDecimal bd = new BigDecimal(x).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= digits) {
            BigDecimal mantissa = bd.movePointLeft(exp).stripTrailingZeros();
            String m = mantissa.toPlainString();
            String e = Integer.toString(Math.abs(exp));
            return m + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
        String s = bd.stripTrailingZeros().toPlainString();
        return s;
    }

    /** A tensor, like NumPy prints an array (aligned columns, long ones elided with {@code ...}). */
    public static String tensor(DMatrixRMaj m) {
        return ArrayFormat.format(m);
    }

    /** True for a whole number small enough to print exactly without a decimal point. */
    static boolean isWhole(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e16;
    }

    /**
     * NumPy's {@code format_float_positional(x, precision, unique=True)}: the exact value rounded
     * half-even to {@code precision} decimals, trailing zeros dropped. Returns the integer part
     * (with its sign) and the fraction digits (possibly empty).
     */
    static String[] positional(double x, int precision) {
        String sign = x < 0 || (x == 0 && 1 / x < 0) ? "-" : "";
        String s = new BigDecimal(Math.abs(x)).setScale(precision, RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString();
        int dot = s.indexOf('.');
        if (dot < 0) return new String[]{sign + s, ""};
        return new String[]{sign + s.substring(0, dot), s.substring(dot + 1)};
    }

    /**
     * NumPy's {@code format_float_scientific(x, precision, unique=True)}: the exact value rounded
     * half-even to {@code precision + 1} significant digits, trailing zeros dropped. Returns the
     * leading digit (with its sign), the further digits, and the exponent with its sign and at
     * least two digits ({@code "-05"}).
     */
    static String[] scientific(double x, int precision) {
        String sign = x < 0 || (x == 0 && 1 / x < 0) ? "-" : "";
        String digits;
        int exp;
        if (x == 0) {
            digits = "0";
            exp = 0;
        } else {
            BigDecimal bd = new BigDecimal(Math.abs(x)).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
            digits = bd.unscaledValue().toString();
            exp = digits.length() - 1 - bd.scale();
            int end = digits.length();
            while (end > 1 && digits.charAt(end - 1) == '0') end--;
            digits = digits.substring(0, end);
        }
        String e = Integer.toString(Math.abs(exp));
        if (e.length() < 2) e = "0" + e;
        return new String[]{sign + digits.charAt(0), digits.substring(1), (exp < 0 ? "-" : "+") + e};
    }
}
