package mlp;

import mlp.syntax.Pos;
import mlp.syntax.Source;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** An error never changes once made: positioning it gives a copy, and the innermost position wins. */
class MlpErrorTest {
    @Test
    void atGivesAPositionedCopyAndLeavesTheErrorAlone() {
        Source src = new Source("t.mlp", "x = 1 + [1, 2]\ny = 2");
        Pos inner = new Pos(src, 1, 7), outer = new Pos(src, 1, 1);
        MlpError bare = new MlpError("'+' cannot combine");
        MlpError placed = bare.at(inner);
        assertNull(bare.pos(), "the original keeps no position");
        assertEquals(inner, placed.pos());
        assertEquals("t.mlp:1:7: '+' cannot combine", placed.getMessage());
        assertSame(placed, placed.at(outer), "a known position is kept: the innermost wins");
        assertSame(bare, bare.at(null));
    }
}
