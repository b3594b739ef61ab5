package mlp.plot;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RangeTest {
    @Test
    void includeSkipsWhatIsNotANumber() {
        Range r = Range.EMPTY.include(new double[]{3, Double.NaN, -1, Double.POSITIVE_INFINITY, 2});
        assertEquals(new Range(-1, 3), r);
        assertTrue(Range.EMPTY.isEmpty());
        assertEquals(new Range(-1, 1), Range.EMPTY.padded(0.1), "nothing to show: a unit range");
        assertEquals(new Range(4.5, 5.5), new Range(5, 5).padded(0.1), "one value: a width around it");
        assertEquals(new Range(-1.4, 3.4), r.padded(0.1));
    }

    @Test
    void aLiveRangeGrowsSeldomAndInSteps() {
        Range r = new Range(0, 10);
        assertSame(r, r.grownFor(new Range(2, 9), 0.2), "inside: unchanged");
        Range grown = r.grownFor(new Range(2, 12), 0.2);
        assertEquals(new Range(0, 14.4), grown, "grown on the side it needed, 20% of 12 to spare");
        assertSame(grown, grown.grownFor(new Range(1, 14), 0.2), "the spare room absorbs the next steps");
        assertEquals(new Range(-3.2, 10), r.grownFor(new Range(-1, 5), 0.2));
    }
}
