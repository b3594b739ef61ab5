"""The tutorial's five training runs in PyTorch, once each, as the notebook runs them (float32, its
train_model loop and model classes from bench/training/pytorch_runs.py), on the parity data sets.
bench/blas/run.sh times the whole process (import torch included), like the .mlp side's.
Usage (from the repository's root): /usr/bin/python3 bench/blas/tutorial_torch.py THREADS"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "training"))
import pytorch_runs  # noqa: E402  (the notebook's loop and models)

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
folder = "runtime/src/test/resources/parity"
for name, data, make, epochs in pytorch_runs.RUNS[:5]:
    X = torch.tensor(np.loadtxt(f"{folder}/{data}-X.csv", delimiter=","), dtype=torch.float32)
    y = torch.tensor(np.loadtxt(f"{folder}/{data}-y.csv", delimiter=","), dtype=torch.float32)
    pytorch_runs.train_model(make(), X, y, lr=0.01, epochs=epochs)
