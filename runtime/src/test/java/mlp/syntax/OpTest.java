package mlp.syntax;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Operators are resolved to {@link Op} when the tree is built, with the operator token's position. */
class OpTest {
    private static Expr.Binary binary(String code) {
        List<Stmt> program = SourceParser.parse(new Source("t.mlp", code));
        return (Expr.Binary) ((Stmt.Eval) program.get(0)).expr();
    }

    @Test
    void everyOperatorOfTheGrammarIsResolved() {
        for (Op op : Op.values()) {
            Expr.Binary b = binary("a " + op.symbol() + " b");
            assertEquals(op, b.op(), op.symbol());
            assertEquals(3, b.pos().col(), "the position is the operator's own token");
        }
        assertEquals(Op.POW, binary("a ** b").op(), "** is another spelling of ^");
    }

    @Test
    void textThatIsNoOperatorIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Op.of("%"));
    }
}
