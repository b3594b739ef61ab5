"""The tutorial's training runs (its five, its practice run, and mlp(2, 16, 16, 2)) in PyTorch, timed as the notebook runs them.

float32 (the notebook's dtype), one thread, the notebook's train_model loop including its
per-epoch `outputs.append(predictions.detach().numpy())`, and the notebook's model classes
with identity weights and zero biases. Timed around the whole train_model call (optimizer
creation included), like the .mlp side is timed around the whole train(...) statement.

Usage: /usr/bin/python3 pytorch_runs.py PARITY_DIR [warmups] [measured] [runs]
Each run `warmups` times unmeasured (labelled w), then `measured` times; `runs`: only the first that many runs (5: the tutorial's). Prints one line per run
and repetition: name rep epochs seconds it/s cpu-seconds cpu-it/s
"""
import sys
import time

import numpy as np
import torch
import torch.nn as nn

torch.set_num_threads(1)


def train_model(model, X, y, lr=0.01, epochs=100):  # the notebook's loop, without tqdm
    criterion = nn.MSELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    outputs = [X.numpy()]
    for epoch in range(epochs):
        predictions = model(X)
        outputs.append(predictions.detach().numpy())
        loss = criterion(predictions, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model, outputs


def identity_linear(n_in, n_out):
    layer = nn.Linear(n_in, n_out)
    nn.init.eye_(layer.weight)
    nn.init.zeros_(layer.bias)
    return layer


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = identity_linear(2, 2)
        self.fc2 = identity_linear(2, 2)
        self.nonlinearity = nn.ReLU()

    def forward(self, x):
        return self.fc2(self.nonlinearity(self.fc1(x)))


class ResidualBlock(nn.Module):
    def __init__(self, hidden_size):
        super().__init__()
        self.fc1 = identity_linear(hidden_size, hidden_size)
        self.fc2 = identity_linear(hidden_size, hidden_size)
        self.nonlinearity = nn.ReLU()

    def forward(self, x):
        residual = x
        x = self.nonlinearity(self.fc1(x))
        x = self.fc2(x)
        x += residual
        return x


class ResidualMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = identity_linear(2, 2)
        self.r1 = ResidualBlock(2)
        self.r2 = ResidualBlock(2)
        self.fc2 = identity_linear(2, 2)

    def forward(self, x):
        return self.fc2(self.r2(self.r1(self.fc1(x))))


class BatchNormMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.bn2 = nn.BatchNorm1d(2)
        self.bn3 = nn.BatchNorm1d(2)
        self.fc1 = identity_linear(2, 2)
        self.r1 = ResidualBlock(2)
        self.r2 = ResidualBlock(2)
        self.fc2 = identity_linear(2, 2)

    def forward(self, x):
        x = self.fc1(x)
        x = self.r1(x)
        x = self.bn2(x)
        x = self.r2(x)
        x = self.bn3(x)
        return self.fc2(x)


class PracticeNet(nn.Module):
    """The tutorial's practice model: linear(2, 16) |> relu |> residual |> batchnorm |> linear(2), default init."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(2, 16)
        self.nonlinearity = nn.ReLU()
        self.r1 = ResidualBlock(16)
        self.bn = nn.BatchNorm1d(16)
        self.fc2 = nn.Linear(16, 2)
        for fc in (self.r1.fc1, self.r1.fc2):  # ResidualBlock sets identity weights: back to PyTorch's default init
            fc.reset_parameters()

    def forward(self, x):
        return self.fc2(self.bn(self.r1(self.nonlinearity(self.fc1(x)))))


def mlp16():
    """mlp(2, 16, 16, 2): linear(2,16) |> relu |> linear(16,16) |> relu |> linear(16,2), default init."""
    return nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 2))


def practice_data():
    """The practice data as TrainingBench.PRACTICE_DATA makes it (a fixed formula instead of randn)."""
    i = np.arange(500, dtype=np.float64)
    x = np.stack([np.linspace(-1, 1, 500), np.linspace(1, -1, 500)], axis=1)
    x = x + 0.1 * np.stack([np.sin(12.9898 * i), np.cos(78.233 * i)], axis=1)
    y = 2 * x + x ** 2 + 0.5
    return x, y


RUNS = [
    ("rot-linear", "rot", lambda: identity_linear(2, 2), 1000),
    ("parts-linear", "parts", lambda: identity_linear(2, 2), 500),
    ("parts-mlp", "parts", MLP, 5000),
    ("parts-residual", "parts", ResidualMLP, 5000),
    ("parts-batchnorm", "parts", BatchNormMLP, 5000),
    ("practice", "practice", PracticeNet, 2000),
    ("parts-mlp16", "parts", mlp16, 5000),
]


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "runtime/src/test/resources/parity"
    warmups = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    measured = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    count = int(sys.argv[4]) if len(sys.argv) > 4 else len(RUNS)
    for name, data, make, epochs in RUNS[:count]:
        if data == "practice":
            x_np, y_np = practice_data()
        else:
            x_np = np.loadtxt(f"{folder}/{data}-X.csv", delimiter=",")
            y_np = np.loadtxt(f"{folder}/{data}-y.csv", delimiter=",")
        X = torch.tensor(x_np, dtype=torch.float32)
        y = torch.tensor(y_np, dtype=torch.float32)
        for rep in range(-warmups, measured):
            model = make()
            c0, t0 = time.thread_time(), time.perf_counter()
            train_model(model, X, y, lr=0.01, epochs=epochs)
            seconds, cpu = time.perf_counter() - t0, time.thread_time() - c0
            label = "w" if rep < 0 else rep
            print(f"{name} {label} {epochs} {seconds:.6f} {epochs / seconds:.1f} {cpu:.6f} {epochs / cpu:.1f}", flush=True)


if __name__ == "__main__":
    main()
