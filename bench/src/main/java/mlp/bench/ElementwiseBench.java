package mlp.bench;

import mlp.autograd.LossOps;
import mlp.autograd.Node;
import mlp.autograd.Ops;
import mlp.autograd.Plan;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The cost of one eager elementwise op on a 300×2 tensor (the tutorial's data size), and of one
 * training step's worth of small autograd passes re-run through a {@link Plan}: mse(sigmoid(relu(a
 * + b) * b), y) forward and backward, the elementwise nodes a tutorial step runs besides its layers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ElementwiseBench {
    private final Node a = Node.constant(BenchData.random(300, 2, 1));
    private final Node b = Node.constant(BenchData.random(300, 2, 2));


    private final Plan step = new Plan(LossOps.mse(Ops.sigmoid(Ops.mul(Ops.relu(Ops.add(Node.variable(BenchData.random(300, 2, 3)), b)), b)),
            Node.constant(BenchData.random(300, 2, 4))));

    @Benchmark
    public Node addOps() {
        return Ops.add(a, b);
    }

    @Benchmark
    public Plan smallStep() {
        step.forward();
        step.backward();
        return step;
    }
}
