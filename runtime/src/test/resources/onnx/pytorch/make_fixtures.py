#!/usr/bin/python3
"""Makes the PyTorch fixtures of mlp's ONNX reader (runtime/src/test/java/mlp/io/onnx/PyTorchFixturesTest).

Run with Debian's PyTorch 1.13 (apt-get install -y python3-torch):
    /usr/bin/python3 runtime/src/test/resources/onnx/pytorch/make_fixtures.py
For each model NAME it writes NAME.onnx (torch.onnx.export, opset 17, float32, batch dimension
dynamic), NAME-X.csv (inputs) and NAME-Y.csv (what PyTorch predicts for them, in eval mode).
Each model is trained for a few steps first, so that batch norm's running statistics are not
their initial values.
"""
import os
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))


class Residual(nn.Module):
    """x + inner(x)"""

    def __init__(self, *inner):
        super().__init__()
        self.inner = nn.Sequential(*inner)

    def forward(self, x):
        return x + self.inner(x)


class MatMulAdd(nn.Module):
    """x @ w + b, exported as MatMul and Add (not Gemm)"""

    def __init__(self, n_in, n_out):
        super().__init__()
        self.w = nn.Parameter(torch.randn(n_in, n_out) * 0.5)
        self.b = nn.Parameter(torch.randn(n_out) * 0.1)

    def forward(self, x):
        return torch.matmul(x, self.w) + self.b


def models():
    yield "mlp", nn.Sequential(nn.Linear(3, 16), nn.ReLU(), nn.Linear(16, 16), nn.Tanh(), nn.Linear(16, 2)), "mse"
    yield "residual_bn", nn.Sequential(
        nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(),
        Residual(nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 8)),
        Residual(nn.Linear(8, 8), nn.BatchNorm1d(8), nn.Sigmoid(), nn.Linear(8, 8)),
        nn.BatchNorm1d(8), nn.Linear(8, 3)), "mse"
    yield "classifier", nn.Sequential(
        nn.Flatten(), nn.Linear(4, 12), nn.LeakyReLU(0.1), nn.Dropout(0.2), nn.Identity(),
        nn.Linear(12, 3), nn.Softmax(dim=1)), "ce"
    yield "activations", nn.Sequential(
        MatMulAdd(3, 6), nn.ELU(), nn.Linear(6, 6, bias=False), nn.GELU(), nn.Linear(6, 6), nn.Sigmoid(),
        nn.Linear(6, 2)), "mse"
    yield "layernorm", nn.Sequential(
        nn.Linear(3, 8), nn.LayerNorm(8), nn.SiLU(), nn.Linear(8, 8), nn.Softplus(), nn.Linear(8, 2)), "mse"


def save_csv(path, t):
    with open(path, "w") as f:
        for row in t.tolist():
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def main():
    torch.manual_seed(17)
    for name, model, loss in models():
        n_in = 4 if name in ("residual_bn", "classifier") else 3
        X = torch.randn(64, n_in)
        opt = torch.optim.Adam(model.parameters(), lr=0.01)
        model.train()
        for _ in range(30):
            opt.zero_grad()
            out = model(X)
            if loss == "ce":
                target = (X[:, 0] > 0).long() + (X[:, 1] > 0).long()
                l = nn.functional.nll_loss(torch.log(out + 1e-9), target)
            else:
                l = ((out - torch.sin(X[:, :out.shape[1]] * 2)) ** 2).mean()
            l.backward()
            opt.step()
        model.eval()
        Xt = torch.randn(10, n_in)
        with torch.no_grad():
            Y = model(Xt)
        torch.onnx.export(model, Xt, os.path.join(HERE, name + ".onnx"), opset_version=17,
                          input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
        save_csv(os.path.join(HERE, name + "-X.csv"), Xt)
        save_csv(os.path.join(HERE, name + "-Y.csv"), Y)
        print(name, "written")


if __name__ == "__main__":
    main()
