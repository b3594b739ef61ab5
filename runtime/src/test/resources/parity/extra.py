"""More PyTorch references (float64) for options the tutorial does not use: sgd with momentum,
adam with weight decay, mae, bce, cross_entropy, leaky_relu, tanh, softmax, residual(stack),
bias=false, and a short batch-norm run whose inference predictions and running statistics are
compared too. Same data as reference.json; deterministic inits (identity, zeros).

Run from this folder: /usr/bin/python3 extra.py > extra.json   (PyTorch 1.13, CPU)
Targets: "y" the dataset's y; "cluster" the class index 0/1/2 of the row's cluster (rows of
100); "first" 1.0 for the first cluster's rows, else 0.0.
"""
import json

import numpy as np
import torch
import torch.nn as nn

torch.set_default_dtype(torch.float64)


def lin(i, o, init="identity", bias=True):
    layer = nn.Linear(i, o, bias=bias)
    if init == "identity":
        nn.init.eye_(layer.weight)
    else:
        nn.init.zeros_(layer.weight)
    if bias:
        nn.init.zeros_(layer.bias)
    return layer


class Residual(nn.Module):
    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return x + self.inner(x)


def block(w):
    return Residual(nn.Sequential(lin(w, w), nn.ReLU(), lin(w, w)))


RUNS = [
    dict(name="rot-sgd-momentum", data="rot", target="y", model="linear(2, 2, init=identity)",
         make=lambda: lin(2, 2), optimizer="sgd(momentum=0.9)", opt=lambda p, lr: torch.optim.SGD(p, lr=lr, momentum=0.9),
         loss="mse", lr=0.01, epochs=200),
    dict(name="rot-adam-weight-decay", data="rot", target="y", model="linear(2, 2, init=identity)",
         make=lambda: lin(2, 2), optimizer="adam(weight_decay=0.1)",
         opt=lambda p, lr: torch.optim.Adam(p, lr=lr, weight_decay=0.1), loss="mse", lr=0.01, epochs=200),
    dict(name="rot-mae", data="rot", target="y", model="linear(2, 2, init=identity)",
         make=lambda: lin(2, 2), optimizer="adam", opt=lambda p, lr: torch.optim.Adam(p, lr=lr), loss="mae", lr=0.01, epochs=200),
    dict(name="parts-bce", data="parts", target="first", model="linear(2, 1, init=zeros) |> sigmoid",
         make=lambda: nn.Sequential(lin(2, 1, "zeros"), nn.Sigmoid()), optimizer="adam",
         opt=lambda p, lr: torch.optim.Adam(p, lr=lr), loss="bce", lr=0.05, epochs=200),
    dict(name="parts-cross-entropy", data="parts", target="cluster", model="linear(2, 3, init=identity)",
         make=lambda: lin(2, 3), optimizer="sgd", opt=lambda p, lr: torch.optim.SGD(p, lr=lr),
         loss="cross_entropy", lr=0.1, epochs=200),
    dict(name="parts-leaky-tanh", data="parts", target="y",
         model="linear(2, 3, init=identity) |> leaky_relu(0.2) |> linear(3, 3, init=identity) |> tanh |> linear(3, 2, init=identity)",
         make=lambda: nn.Sequential(lin(2, 3), nn.LeakyReLU(0.2), lin(3, 3), nn.Tanh(), lin(3, 2)), optimizer="adam",
         opt=lambda p, lr: torch.optim.Adam(p, lr=lr), loss="mse", lr=0.01, epochs=300),
    dict(name="parts-softmax", data="parts", target="y",
         model="linear(2, 3, init=identity) |> softmax |> linear(3, 2, init=identity)",
         make=lambda: nn.Sequential(lin(2, 3), nn.Softmax(dim=1), lin(3, 2)), optimizer="adam",
         opt=lambda p, lr: torch.optim.Adam(p, lr=lr), loss="mse", lr=0.01, epochs=300),
    dict(name="parts-residual-stack", data="parts", target="y",
         model="linear(2, 2, init=identity) |> residual(linear(2, 2, init=identity) |> tanh |> linear(2, 2, init=identity)) |> linear(2, 2, init=identity)",
         make=lambda: nn.Sequential(lin(2, 2), Residual(nn.Sequential(lin(2, 2), nn.Tanh(), lin(2, 2))), lin(2, 2)),
         optimizer="adam", opt=lambda p, lr: torch.optim.Adam(p, lr=lr), loss="mse", lr=0.01, epochs=300),
    dict(name="parts-no-bias", data="parts", target="y",
         model="linear(2, 2, init=identity, bias=false) |> relu |> linear(2, 2, init=identity)",
         make=lambda: nn.Sequential(lin(2, 2, bias=False), nn.ReLU(), lin(2, 2)), optimizer="sgd",
         opt=lambda p, lr: torch.optim.SGD(p, lr=lr), loss="mse", lr=0.001, epochs=300),
    dict(name="parts-batchnorm-short", data="parts", target="y",
         model="linear(2, 2, init=identity) |> residual(init=identity) |> batchnorm |> residual(init=identity) |> batchnorm |> linear(2, 2, init=identity)",
         make=lambda: nn.Sequential(lin(2, 2), block(2), nn.BatchNorm1d(2), block(2), nn.BatchNorm1d(2), lin(2, 2)),
         optimizer="adam", opt=lambda p, lr: torch.optim.Adam(p, lr=lr), loss="mse", lr=0.01, epochs=100),
]

LOSSES = {"mse": nn.MSELoss(), "mae": nn.L1Loss(), "bce": nn.BCELoss(), "cross_entropy": nn.CrossEntropyLoss()}


def targets(kind, y, n):
    if kind == "y":
        return y
    cluster = torch.arange(n) // 100
    if kind == "cluster":
        return cluster
    return (cluster == 0).double().reshape(n, 1)


def main():
    out = []
    for r in RUNS:
        X = torch.tensor(np.loadtxt(f"{r['data']}-X.csv", delimiter=","))
        y = targets(r["target"], torch.tensor(np.loadtxt(f"{r['data']}-y.csv", delimiter=",")), X.shape[0])
        model = r["make"]()
        optimizer = r["opt"](model.parameters(), r["lr"])
        criterion = LOSSES[r["loss"]]
        losses = []
        for _ in range(r["epochs"]):
            loss = criterion(model(X), y)
            losses.append(loss.item())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            pred = model(X)
        entry = {k: r[k] for k in ("name", "data", "target", "model", "optimizer", "loss", "lr", "epochs")}
        entry["losses"] = losses
        entry["eval_pred"] = pred.tolist()
        stats = [m for m in model.modules() if isinstance(m, nn.BatchNorm1d)]
        entry["running_mean"] = [m.running_mean.tolist() for m in stats]
        entry["running_var"] = [m.running_var.tolist() for m in stats]
        out.append(entry)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
