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
    void numbersPrintLikePythonRoundedToFourDecimals() {
        assertEquals("2", Format.number(2.0));
        assertEquals("-3", Format.number(-3.0));
        assertEquals("0", Format.number(-0.0));
        assertEquals("1000000", Format.number(1e6));
        assertEquals("0.3333", Format.number(1.0 / 3));
        assertEquals("0.3", Format.number(0.1 + 0.2));
        assertEquals("-1.5", Format.number(-1.5));
        assertEquals("0.0312", Format.number(0.03125)); // half-even on the exact value, as NumPy
        assertEquals("0.0001", Format.number(0.00015)); // 0.00015 is 0.000149999... exactly
        assertEquals("1e-05", Format.number(1e-5));
        assertEquals("1.2346e-05", Format.number(1.23456e-5));
        assertEquals("1.2346e+08", Format.number(123456789.5));
        assertEquals("1e+20", Format.number(1e20));
        assertEquals("nan", Format.number(Double.NaN));
        assertEquals("-inf", Format.number(Double.NEGATIVE_INFINITY));
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
