package mlp.value;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Printing against NumPy: {@code format/numpy-cases.txt} holds tensors and NumPy's own
 * {@code str()} of them under {@code precision=4} (made by {@code numpy_cases.py} beside it).
 */
class FormatTest {
    @TestFactory
    List<DynamicTest> tensorsPrintLikeNumPy() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        String[] lines;
        try (InputStream in = FormatTest.class.getResourceAsStream("/format/numpy-cases.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
        }
        for (int i = 0; i < lines.length; ) {
            String[] shape = lines[i].split(" ");
            int rows = Integer.parseInt(shape[1]), cols = Integer.parseInt(shape[2]);
            String[] cells = lines[i + 1].split(" ");
            DMatrixRMaj m = new DMatrixRMaj(rows, cols);
            for (int k = 0; k < cells.length; k++) m.data[k] = parse(cells[k]);
            StringBuilder expected = new StringBuilder();
            int j = i + 2;
            while (!lines[j].equals("end")) expected.append(j > i + 2 ? "\n" : "").append(lines[j++]);
            String want = expected.toString();
            String name = "case at line " + (i + 1) + " " + rows + "×" + cols;
            tests.add(DynamicTest.dynamicTest(name, () -> assertEquals(want, Format.tensor(m))));
            i = j + 1;
        }
        assertTrue(tests.size() > 80, "the fixture has its cases");
        return tests;
    }

    private static double parse(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    @Test
    void numbersPrintAsTheShortestDecimalThatReadsBack() {
        assertEquals("2", Format.number(2.0));
        assertEquals("-3", Format.number(-3.0));
        assertEquals("0", Format.number(-0.0));
        assertEquals("1000000", Format.number(1e6));
        assertEquals("nan", Format.number(Double.NaN));
        assertEquals("-inf", Format.number(Double.NEGATIVE_INFINITY));
        // Python's repr(x) of each, printed by /usr/bin/python3 (3.11)
        Object[][] python = {
                {0.3333333333333333, "0.3333333333333333"}, {0.30000000000000004, "0.30000000000000004"},
                {0.03125, "0.03125"}, {0.00015, "0.00015"}, {1e-05, "1e-05"}, {1.23456e-05, "1.23456e-05"},
                {123456789.5, "123456789.5"}, {1e+20, "1e+20"}, {0.00012345, "0.00012345"}, {1.5e+16, "1.5e+16"},
                {2.5, "2.5"}, {-0.001, "-0.001"}, {5e-324, "5e-324"}, {1.7976931348623157e+308, "1.7976931348623157e+308"},
                {9.313225746154785e-10, "9.313225746154785e-10"}, {123.456, "123.456"},
                {1000000000000000.5, "1000000000000000.5"}, {9.999999999999999e-05, "9.999999999999999e-05"},
                {2458.0338977940387, "2458.0338977940387"}, {590387131.1313933, "590387131.1313933"},
                {-9419895.434327705, "-9419895.434327705"}, {0.5519171348714338, "0.5519171348714338"},
                {0.002979491062738484, "0.002979491062738484"}, {-77358807.06937113, "-77358807.06937113"},
                {73689.09157301908, "73689.09157301908"}, {0.08752171847186077, "0.08752171847186077"}};
        for (Object[] p : python) assertEquals(p[1], Format.number((Double) p[0]));
    }

    @Test
    void everyNumberReadsBackToTheSameDouble() {
        java.util.Random r = new java.util.Random(11);
        for (int i = 0; i < 20_000; i++) {
            double x = Double.longBitsToDouble(r.nextLong());
            if (!Double.isFinite(x)) continue;
            String s = Format.number(x);
            assertEquals(x, Double.parseDouble(s), s);
            // and no shorter: one digit fewer, correctly rounded, reads back as another double
            String digits = new java.math.BigDecimal(s).unscaledValue().abs().toString().replaceAll("0+$", "");
            if (digits.length() > 1) {
                double shorter = new java.math.BigDecimal(x).round(new java.math.MathContext(digits.length() - 1)).doubleValue();
                assertTrue(shorter != x, s + " could be shorter");
            }
        }
    }

    @Test
    void emptyTensorsShowTheirShape() {
        assertEquals("[] (0×3)", Format.tensor(new DMatrixRMaj(0, 3)));
    }

    @Test
    void printLeavesStringsUnquotedAndEchoQuotesThem() {
        assertEquals("a \"b\"", Format.print(new Str("a \"b\"")));
        assertEquals("\"a \\\"b\\\"\"", Format.repr(new Str("a \"b\"")));
        assertEquals("[2, \"x\", true]", Format.repr(new ListValue(List.of(new Num(2), new Str("x"), Bool.TRUE))));
    }
}
