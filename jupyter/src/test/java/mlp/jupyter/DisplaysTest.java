package mlp.jupyter;

import mlp.embed.MlpInterpreter;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Out[n]: what a value shows as, in text and HTML. */
class DisplaysTest {
    private final MlpInterpreter mlp = MlpInterpreter.builder().outputOff().build();

    private static String html(DisplayData d) {
        return (String) d.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML);
    }

    private static String text(DisplayData d) {
        return (String) d.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN);
    }

    @Test
    void aSmallTensorIsItsTextAndATableOfEveryNumber() {
        DisplayData d = Displays.of(mlp.eval("[[1, 2.5], [-3, 0.000012]]"));
        assertEquals("[[ 1.0e+00  2.5e+00]\n [-3.0e+00  1.2e-05]]", text(d));
        String html = html(d);
        assertEquals(2, html.split("<tr>").length - 1);
        for (String cell : new String[]{">1<", ">2.5<", ">-3<", ">1.2e-05<"}) assertTrue(html.contains(cell), cell + " in " + html);
        assertTrue(html.contains("tensor 2&times;2"));
    }

    @Test
    void aLargeTensorIsElidedAsItsTextIs() {
        String html = Displays.tensor(new DMatrixRMaj(50, 30));
        assertEquals(7, html.split("<tr>").length - 1, "3 rows, the gap, 3 rows");
        assertEquals(7 + 6, html.split("&hellip;").length - 1, "the gap row, and the gap column in each other row");
        assertArrayEquals(new int[]{0, 1, 2, -1, 47, 48, 49}, Displays.shown(50, true));
        assertArrayEquals(new int[]{0, 1, 2, 3}, Displays.shown(4, true));
        assertEquals(50, Displays.shown(50, false).length, "1000 elements or fewer: every row");
    }

    @Test
    void aModelIsItsSummaryTable() {
        DisplayData d = Displays.of(mlp.eval("linear(2, 16) |> relu |> linear(2)"));
        assertTrue(text(d).startsWith("layer"), text(d));
        String html = html(d);
        assertTrue(html.contains("<th") && html.contains("linear(2, 16)") && html.contains(">82<"), html);
    }

    @Test
    void aRunIsItsLineAndNothingShowsForAnAssignmentOrAnInlinePicture() {
        DisplayData d = Displays.of(mlp.eval("seed(1); X = randn(5, 2); train(linear(2, 2), X, X, epochs=3)"));
        assertTrue(text(d).startsWith("run: 3 epochs, final loss"), text(d));
        assertFalse(d.hasDataForType(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML));
        assertNull(Displays.of(mlp.eval("a = 1")));
    }

    @Test
    void htmlInAStringIsShownAsText() {
        DisplayData d = Displays.of(mlp.eval("\"<b>bold</b>\""));
        assertEquals("\"<b>bold</b>\"", text(d));
        assertFalse(d.hasDataForType(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML));
    }
}
