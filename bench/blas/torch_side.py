"""PyTorch's and NumPy's side of bench/blas/run.sh: the same cases as mlp.bench.BlasBench.

Usage: /usr/bin/python3 torch_side.py THREADS [cases...]   (cases: matmul scaled mnist; default all)
Prints lines `LABEL CASE THREADS VALUE UNIT CPU-VALUE` like BlasBench (the figure by the wall clock,
then by the process's CPU time): numpy for A @ B (float64), torch64 and
torch32 for the training cases. The BLAS both use is the machine's libblas.so.3 (run.sh prints
which). Set OPENBLAS_NUM_THREADS=THREADS in the environment for NumPy (run.sh does).
"""
import sys
import time

import numpy as np
import torch
import torch.nn as nn

THREADS = int(sys.argv[1])
CASES = sys.argv[2:] or ["matmul", "scaled", "mnist"]
torch.set_num_threads(THREADS)
SCALED_GFLOP = 2.0 * 3 * 20000 * (32 * 256 + 2 * 2 * 256 * 256 + 256 * 8) / 1e9


def line(label, case, value, unit, cpu_value):
    print(f"{label} {case} {THREADS} {value:.4f} {unit} {cpu_value:.4f}", flush=True)


class Residual(nn.Module):
    """mlp's residual(width): x + linear(relu(linear(x))), as the tutorial's ResidualBlock."""

    def __init__(self, width, dtype):
        super().__init__()
        self.fc1 = nn.Linear(width, width, dtype=dtype)
        self.fc2 = nn.Linear(width, width, dtype=dtype)

    def forward(self, x):
        return x + self.fc2(torch.relu(self.fc1(x)))


def scaled_model(dtype):
    return nn.Sequential(nn.Linear(32, 256, dtype=dtype), nn.ReLU(), Residual(256, dtype), Residual(256, dtype),
                         nn.BatchNorm1d(256, dtype=dtype), nn.Linear(256, 8, dtype=dtype))


def train(model, X, y, loss_fn, epochs, batch=0, lr=0.001):
    """mlp's train: Adam; full batch, or shuffled mini-batches of `batch` rows, a step each."""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    n = X.shape[0]
    for _ in range(epochs):
        if batch == 0:
            parts = [None]
        else:
            order = torch.randperm(n)
            parts = [order[i:i + batch] for i in range(0, n, batch)]
        for idx in parts:
            xb, yb = (X, y) if idx is None else (X[idx], y[idx])
            loss = loss_fn(model(xb), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()


def timed(f):
    """Seconds by the wall clock and of the process's CPU time (all its threads)."""
    t, c = time.perf_counter(), time.process_time()
    f()
    return time.perf_counter() - t, time.process_time() - c


if "matmul" in CASES:
    rng = np.random.default_rng(1)
    for n in (500, 2000, 4000):
        a, b = rng.standard_normal((n, n)), rng.standard_normal((n, n))
        reps = 20 if n <= 500 else 5 if n <= 2000 else 2
        times = [timed(lambda: a @ b) for _ in range(reps + 1)][1:]
        line("numpy", f"matmul-{n}", min(t[0] for t in times), "s", min(t[1] for t in times))
        if n == 500:  # the product alone, into an array made beforehand (BlasBench's matmul-call-500)
            c = np.empty((n, n))
            times = [timed(lambda: np.matmul(a, b, out=c)) for _ in range(4 * reps + 1)][1:]
            line("numpy", "matmul-call-500", min(t[0] for t in times), "s", min(t[1] for t in times))

if "scaled" in CASES:
    torch.manual_seed(1)
    for dtype, label in ((torch.float64, "torch64"), (torch.float32, "torch32")):
        X, Y = torch.randn(20000, 32, dtype=dtype), torch.randn(20000, 8, dtype=dtype)
        train(scaled_model(dtype), X, Y, nn.MSELoss(), 1)  # warm-up
        epochs = 3
        s = timed(lambda: train(scaled_model(dtype), X, Y, nn.MSELoss(), epochs))
        line(label, "scaled-full", SCALED_GFLOP * epochs / s[0], "GFLOP/s", SCALED_GFLOP * epochs / s[1])
        s = timed(lambda: train(scaled_model(dtype), X, Y, nn.MSELoss(), 1, batch=256))
        line(label, "scaled-batch256", SCALED_GFLOP / s[0], "GFLOP/s", SCALED_GFLOP / s[1])

if "mnist" in CASES:
    torch.manual_seed(1)
    for dtype, label in ((torch.float64, "torch64"), (torch.float32, "torch32")):
        X = torch.randn(60000, 784, dtype=dtype)
        labels = torch.randint(0, 10, (60000,))
        model = nn.Sequential(nn.Linear(784, 128, dtype=dtype), nn.ReLU(), nn.Linear(128, 10, dtype=dtype))
        s = timed(lambda: train(model, X, labels, nn.CrossEntropyLoss(), 1, batch=128))
        line(label, "mnist-epoch", s[0], "s", s[1])
