package mlp.eval;

import mlp.MlpError;
import mlp.nn.Layer;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

/** {@code model(X)}: a layer applied to a tensor (or a number), in inference mode. */
final class LayerCall extends Calls.PartCall {
    private final Layer layer;

    LayerCall(Layer layer) {
        super(layer);
        this.layer = layer;
    }

    @Override
    public Value call(Args args) {
        if (!args.namedNames().isEmpty())
            throw new MlpError(layer.describe() + " takes one tensor and no named arguments", args.callPos());
        if (args.positionalCount() != 1)
            throw new MlpError("a layer takes one tensor: " + layer.describe() + "(X), but was given "
                    + args.positionalCount() + " arguments", args.callPos());
        Value v = args.positional(0);
        Tensor x;
        if (v instanceof Tensor t) x = t;
        else if (v instanceof Num n) x = new Tensor(new DMatrixRMaj(new double[][]{{n.value()}}));
        else if (v instanceof mlp.nn.LayerInput in) { // a module's distributed tensor: it applies the model where its rows are
            try {
                return in.predictedBy(layer, args.interpreter().random());
            } catch (MlpError e) {
                throw e.at(args.callPos());
            }
        } else throw new MlpError(layer.describe() + " applies to a tensor, not " + Interpreter.describe(v), args.positionalPos(0));
        try {
            mlp.nn.Graph graph = args.interpreter().modelGradient();
            return new Tensor(graph == null ? layer.apply(x.node(), args.interpreter().random(), Layer.Given.tensor())
                    : layer.apply(x.node(), args.interpreter().random(), Layer.Given.tensor(), graph));
        } catch (MlpError e) {
            throw e.at(args.callPos());
        }
    }

    @Override
    public String signature() {
        return layer.describe();
    }
}
