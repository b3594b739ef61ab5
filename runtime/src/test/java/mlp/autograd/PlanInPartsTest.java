package mlp.autograd;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * A plan run in parts (a cluster's synchronous batch norm pauses it between nodes) computes what
 * the whole plan computes: the same values and gradients, bit for bit; the seed scales them.
 */
class PlanInPartsTest {
    @Test
    void forwardAndBackwardInPartsEqualTheWholePasses() {
        Node a = Node.variable(new DMatrixRMaj(new double[][]{{0.5, -1}, {2, 0.25}, {-0.75, 1.5}}));
        Node b = Node.variable(new DMatrixRMaj(new double[][]{{1, -2, 0.5, 3}, {0.1, 0.7, -1.2, 0.4}}));
        Node h = Ops.tanh(Ops.matmul(a, b));
        Node out = Ops.mul(h, Ops.add(h, Ops.matmul(a, b)));
        Plan plan = new Plan(out);
        int end = plan.nodes().size(), mid = plan.nodes().indexOf(h);

        a.value.data[0] = 0.9; // new inputs: the parts must recompute, not find the build's values
        plan.forward(0, mid);
        plan.forward(mid, end);
        double[] value = out.value.data.clone();
        plan.backwardStart(1.0);
        plan.backward(mid, end);
        plan.backward(0, mid);
        double[] ga = a.grad().data.clone(), gb = b.grad().data.clone();

        plan.forward();
        plan.backward();
        assertArrayEquals(out.value.data, value, 0);
        assertArrayEquals(a.grad().data, ga, 0);
        assertArrayEquals(b.grad().data, gb, 0);

        plan.backwardStart(0.5); // a seed: a share of the loss
        plan.backward(0, end);
        for (int i = 0; i < ga.length; i++) ga[i] *= 0.5;
        assertArrayEquals(ga, a.grad().data, 1e-15);
    }
}
