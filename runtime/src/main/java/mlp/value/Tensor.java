package mlp.value;

import mlp.autograd.Node;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * A 2-D matrix of doubles. It wraps an autograd {@link Node}: a constant for ordinary values, a
 * tracked node while {@code grad(f, x)} is evaluating {@code f}.
 */
public final class Tensor implements Value, HasMembers {
    private final Node node;

    public Tensor(DMatrixRMaj data) {
        this.node = Node.constant(data);
    }

    public Tensor(Node node) {
        this.node = node.detachIfConstant();
    }

    public static Tensor of(double[][] rows) {
        return new Tensor(new DMatrixRMaj(rows));
    }

    public DMatrixRMaj data() {
        return node.value;
    }

    public Node node() {
        return node;
    }

    public int rows() {
        return node.value.numRows;
    }

    public int cols() {
        return node.value.numCols;
    }

    public double get(int r, int c) {
        return node.value.unsafe_get(r, c);
    }

    @Override
    public String kind() {
        return "tensor";
    }

    @Override
    public Value member(String name) {
        return switch (name) {
            case "shape" -> new ListValue(List.of(new Num(rows()), new Num(cols())));
            case "rows" -> new Num(rows());
            case "cols" -> new Num(cols());
            default -> null;
        };
    }

    @Override
    public List<String> memberNames() {
        return List.of("shape", "rows", "cols");
    }

    @Override
    public String toString() {
        return Format.tensor(node.value);
    }
}
