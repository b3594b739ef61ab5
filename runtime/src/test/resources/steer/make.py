"""PyTorch 1.13 references (CPU, float64) for train's schedules and for optimizers that keep
their state across train calls (tests: runtime/src/test/java/mlp/train/SteerParityTest.java).

Run from this folder:  /usr/bin/python3 make.py > steer.json

A small fixed problem: X (24x2) and y (24x1) written in the JSON, the model
linear(2, 4) |> tanh |> linear(4, 1) with the weights written in the JSON, mse loss, full batch.
- "schedules": SGD (lr 0.1) under StepLR(step_size=3, gamma=0.5), ExponentialLR(gamma=0.9) and
  CosineAnnealingLR(T_max=12, eta_min=0.001), scheduler.step() once after each epoch, 12 epochs:
  the rate of every epoch (optimizer.param_groups[0]["lr"] during it) and the loss of every
  epoch (computed before its step).
- "resumed": one optimizer object trained twice for 10 epochs (as two train calls sharing an
  optimizer value): the 20 losses, and the final parameters.
"""
import json
import math

import torch

torch.set_default_dtype(torch.float64)

g = torch.Generator().manual_seed(7)
X = torch.randn(24, 2, generator=g)
y = torch.sin(X[:, :1] * 2) + 0.5 * X[:, 1:] ** 2
W1 = torch.randn(4, 2, generator=g) * 0.5
b1 = torch.randn(4, generator=g) * 0.1
W2 = torch.randn(1, 4, generator=g) * 0.5
b2 = torch.randn(1, generator=g) * 0.1


def model():
    m = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1))
    with torch.no_grad():
        m[0].weight.copy_(W1)
        m[0].bias.copy_(b1)
        m[2].weight.copy_(W2)
        m[2].bias.copy_(b2)
    return m


def epochs(m, opt, n, sched=None):
    losses, rates = [], []
    for _ in range(n):
        rates.append(opt.param_groups[0]["lr"])
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(m(X), y)
        losses.append(loss.item())
        loss.backward()
        opt.step()
        if sched is not None:
            sched.step()
    return losses, rates


schedules = {}
for name, make in [
    ("step_lr(0.1, every=3, gamma=0.5)", lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5)),
    ("exp_lr(0.1, gamma=0.9)", lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9)),
    ("cosine_lr(0.1, min=0.001)", lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=12, eta_min=0.001)),
]:
    m = model()
    opt = torch.optim.SGD(m.parameters(), lr=0.1)
    losses, rates = epochs(m, opt, 12, make(opt))
    schedules[name] = {"losses": losses, "lr": rates}

resumed = {}
for name, make in [
    ("adam(lr=0.01)", lambda p: torch.optim.Adam(p, lr=0.01)),
    ("adam(lr=0.01, weight_decay=0.001)", lambda p: torch.optim.Adam(p, lr=0.01, weight_decay=0.001)),
    ("sgd(lr=0.05, momentum=0.9)", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9)),
    ("adamw(lr=0.01)", lambda p: torch.optim.AdamW(p, lr=0.01)),
    ("rmsprop(lr=0.005, momentum=0.5)", lambda p: torch.optim.RMSprop(p, lr=0.005, momentum=0.5)),
]:
    m = model()
    opt = make(m.parameters())
    first, _ = epochs(m, opt, 10)
    second, _ = epochs(m, opt, 10)
    resumed[name] = {"losses": first + second,
                     "params": [p.detach().flatten().tolist() for p in m.parameters()]}

print(json.dumps({
    "torch": torch.__version__,
    "X": X.tolist(), "y": y.tolist(),
    "W1": W1.tolist(), "b1": b1.tolist(), "W2": W2.tolist(), "b2": b2.tolist(),
    "schedules": schedules, "resumed": resumed,
}, indent=1))
