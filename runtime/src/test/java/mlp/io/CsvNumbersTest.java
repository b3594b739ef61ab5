package mlp.io;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cells load reads as decimal numbers: exactly those of the regex the hand-written scanner replaced. */
class CsvNumbersTest {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    @Test
    void numbersAndNotNumbers() {
        for (String s : new String[]{"0", "-1", "+2", "3.", "3.25", ".5", "-.5", "1e5", "1E-5", "2.5e+10", "007", "1.e3"})
            assertTrue(CsvFiles.isDecimal(s), s);
        for (String s : new String[]{"", "+", "-", ".", "+.", "e5", ".e5", "1e", "1e+", "1.2.3", "1e5.0", "--1", "1 ", " 1",
                "1,5", "0x10", "١", "1e5e5", "nan", "inf"})
            assertFalse(CsvFiles.isDecimal(s), s);
    }

    /** Random strings over the characters that matter: the scanner and the regex agree on every one. */
    @Test
    void agreesWithTheRegexOnRandomCells() {
        Random random = new Random(7);
        String alphabet = "0123456789+-.eE x";
        for (int k = 0; k < 200_000; k++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(9);
            for (int i = 0; i < length; i++) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String cell = s.toString();
            assertEquals(NUMBER.matcher(cell).matches(), CsvFiles.isDecimal(cell), "'" + cell + "'");
        }
    }

    @Test
    void aLongCellIsReadInOnePass() {
        String digits = "1".repeat(50_000);
        assertTrue(CsvFiles.isDecimal(digits + "." + digits));
        assertFalse(CsvFiles.isDecimal(digits + "." + digits + "x"));
    }
}
