"""PyTorch references (float64) for the parts added to show the runtime is open: the losses huber
and bce_logits, the activations gelu, elu, softplus and silu, the layer layernorm, and the
optimizers adamw and rmsprop. Same data and deterministic inits as extra.py; ParityTest holds
every epoch's loss to 1e-9 relative (and the trained model's predictions).

Run from this folder: /usr/bin/python3 newparts.py > newparts.json   (PyTorch 1.13, CPU)
"""
import json

import numpy as np
import torch
import torch.nn as nn

from extra import lin, targets

torch.set_default_dtype(torch.float64)


def act_run(name, act, epochs=300):
    return dict(name="parts-" + name, data="parts", target="y",
                model=f"linear(2, 3, init=identity) |> {name} |> linear(3, 2, init=identity)",
                make=lambda: nn.Sequential(lin(2, 3), act(), lin(3, 2)), optimizer="adam",
                opt=lambda p, lr: torch.optim.Adam(p, lr=lr), loss="mse", lr=0.01, epochs=epochs)


RUNS = [
    dict(name="rot-huber", data="rot", target="y", model="linear(2, 2, init=identity)",
         make=lambda: lin(2, 2), optimizer="adam", opt=lambda p, lr: torch.optim.Adam(p, lr=lr),
         loss="huber", lr=0.01, epochs=300),
    dict(name="parts-bce-logits", data="parts", target="first", model="linear(2, 1, init=zeros)",
         make=lambda: lin(2, 1, "zeros"), optimizer="adam", opt=lambda p, lr: torch.optim.Adam(p, lr=lr),
         loss="bce_logits", lr=0.05, epochs=300),
    act_run("gelu", nn.GELU),
    act_run("elu", nn.ELU),
    act_run("softplus", nn.Softplus),
    act_run("silu", nn.SiLU),
    dict(name="parts-layernorm", data="parts", target="y",
         model="linear(2, 3, init=identity) |> tanh |> layernorm |> linear(3, 2, init=identity)",
         make=lambda: nn.Sequential(lin(2, 3), nn.Tanh(), nn.LayerNorm(3), lin(3, 2)), optimizer="adam",
         opt=lambda p, lr: torch.optim.Adam(p, lr=lr), loss="mse", lr=0.01, epochs=300),
    dict(name="rot-adamw", data="rot", target="y", model="linear(2, 2, init=identity)",
         make=lambda: lin(2, 2), optimizer="adamw", opt=lambda p, lr: torch.optim.AdamW(p, lr=lr),
         loss="mse", lr=0.01, epochs=300),
    dict(name="rot-adamw-decay", data="rot", target="y", model="linear(2, 2, init=identity)",
         make=lambda: lin(2, 2), optimizer="adamw(weight_decay=0.5, beta1=0.8)",
         opt=lambda p, lr: torch.optim.AdamW(p, lr=lr, weight_decay=0.5, betas=(0.8, 0.999)),
         loss="mse", lr=0.01, epochs=300),
    dict(name="rot-rmsprop", data="rot", target="y", model="linear(2, 2, init=identity)",
         make=lambda: lin(2, 2), optimizer="rmsprop", opt=lambda p, lr: torch.optim.RMSprop(p, lr=lr),
         loss="mse", lr=0.001, epochs=300),
    dict(name="rot-rmsprop-momentum", data="rot", target="y", model="linear(2, 2, init=identity)",
         make=lambda: lin(2, 2), optimizer="rmsprop(momentum=0.9, alpha=0.95)",
         opt=lambda p, lr: torch.optim.RMSprop(p, lr=lr, momentum=0.9, alpha=0.95),
         loss="mse", lr=0.001, epochs=300),
]

LOSSES = {"mse": nn.MSELoss(), "huber": nn.HuberLoss(), "bce_logits": nn.BCEWithLogitsLoss()}


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
        entry["running_mean"] = []
        entry["running_var"] = []
        out.append(entry)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
