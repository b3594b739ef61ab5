#!/usr/bin/env python3
"""Writes tutorial.ipynb and spiral.ipynb (no outputs) from the cells below.

Run it after changing a cell: `python3 notebooks/build.py`. The notebooks are for the `mlp`
kernel (`./mlp --install-kernel --user`). Cells tagged raises-exception show an error on
purpose (nbconvert --execute goes on after them).
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def md(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text.strip("\n")}


def code(text, *tags):
    meta = {"tags": list(tags)} if tags else {}
    return {"cell_type": "code", "metadata": meta, "execution_count": None, "outputs": [], "source": text.strip("\n")}


def write(name, cells):
    nb = {
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"name": "mlp", "display_name": "mlp", "language": "mlp"},
            "language_info": {"name": "mlp", "file_extension": ".mlp", "mimetype": "text/x-mlp", "codemirror_mode": "python"},
        },
        "cells": cells,
    }
    for i, c in enumerate(nb["cells"]):
        c["id"] = "%s-%02d" % (name.split(".")[0], i)
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")


TUTORIAL = [
    md("""
# Multi-layer perceptrons, in mlp

A linear model can only do one thing to the whole input space: turn it, stretch it, shift it.
In this notebook we watch what happens when a model is allowed to do *different* things in
different parts of the space, by stacking linear layers with a non-linearity between them.

Every experiment follows the same recipe:

- make a random dataset `X`;
- make targets `y` by applying some function to `X`;
- start a model that does nothing (identity weights, zero biases);
- train it with gradient descent, keeping its predictions as it goes;
- play those predictions as an animation, to *see* the model learn.

Each cell is mlp code. Run them in order with Shift-Enter. TAB completes a name; Shift-TAB on a
built-in shows its help.
"""),
    code("seed(20)"),
    md("""
## A simple dataset: a rotation and a shift

A linear layer computes `x @ W' + b`. A rotation is a matrix and a shift is a vector, so a
rotation followed by a shift is *exactly* a linear layer: `W` is the rotation, `b` the shift.
Our targets are the inputs turned by 30° and moved by (5, 5), plus a little noise.
"""),
    code("""
X = randn(100, 2) * 5
theta = 30 * pi / 180
R = [[cos(theta), -sin(theta)], [sin(theta), cos(theta)]]
y = X @ R + [5, 5] + 0.01 * randn(100, 2)
X
"""),
    md("""
A tensor shows as a table; a large one shows its first and last rows only, as NumPy does.

Now train a `linear(2, 2)` layer that starts as the identity. The progress bar updates in place
while it trains, and `train` gives back a *run*: the loss of every epoch and snapshots of the
predictions.
"""),
    code("""
run = train(linear(2, 2, init=identity), X, y, lr=0.01, epochs=1000)
run
"""),
    md("""
`animate` plays the snapshots: the blue points are the model's predictions, the orange ones the
targets. Press play, or drag the slider.
"""),
    code('animate(run, title="Linear data, linear model")'),
    md("The loss of every epoch, on a log scale:"),
    code("plot(run)"),
    md("""
## A harder dataset: linear by parts

Now the input has three clusters, and each cluster gets its own transformation: the first is
scaled by 3, the second turned by 150° and shifted, the third scaled by -5.
"""),
    code("""
X1 = randn(100, 2) + [3, -3]
y1 = 3 * X1 + 0.01 * randn(100, 2)
X2 = randn(100, 2)
theta = 150 * pi / 180
R2 = [[cos(theta), -sin(theta)], [sin(theta), cos(theta)]]
y2 = X2 @ R2 + [-3, 3] + 0.01 * randn(100, 2)
X3 = randn(100, 2) + [3, 3]
y3 = -5 * X3 - 0.01 * randn(100, 2)
X = cat(X1, X2, X3)
y = cat(y1, y2, y3)
scatter(X, y, labels=["X", "y"], title="Three clusters and their targets")
"""),
    md("""
A single linear layer cannot follow this: whatever it does, it does to every point. Watch all
three clusters bend the same way.
"""),
    code("""
run = train(linear(2, 2, init=identity), X, y, lr=0.01, epochs=500)
animate(run, title="Linear by parts data, linear model")
"""),
    md("""
### Exercise

Why did the first model fit its points perfectly, while this one cannot?

*Answer:* the first targets were made by a linear map, the very kind of model we trained, so
there was an exact answer to find. These targets were made by three different maps, one per
cluster: a richer recipe than one linear layer can express. Training still finds the linear
map with the smallest mean squared error, but that is only an approximation, like fitting a
straight line to a parabola.
"""),
    md("""
## The multi-layer perceptron

Put a non-linearity between two linear layers:

$$\\hat{y} = f(x W_1^T + b_1)\\,W_2^T + b_2,$$

where $f$ is the ReLU, $f(z) = \\max(z, 0)$. In mlp the layers are joined with `|>`, and a
model shows as its summary: each layer, its output width and its parameters.
"""),
    code("""
model = linear(2, 2, init=identity) |> relu |> linear(2, 2, init=identity)
model
"""),
    code("""
run = train(model, X, y, lr=0.01, epochs=5000)
animate(run, duration=1, title="Linear by parts data, MLP model")
"""),
    md("""
## Why does the ReLU help? Work it out by hand

Take four points and a first layer with no bias:

$$x = \\begin{bmatrix} 1 & 1 \\\\ 2 & 2 \\\\ -1 & -1 \\\\ -2 & -2 \\end{bmatrix}, \\quad
W_1 = \\begin{bmatrix} 1 & 1 \\\\ -1 & -1 \\end{bmatrix}, \\quad
W_2 = \\begin{bmatrix} 1 & -1 \\end{bmatrix}.$$

### Exercise

Compute $z_1 = x W_1^T$, then $y_1 = \\mathrm{ReLU}(z_1)$, then $z_2 = y_1 W_2^T$, on paper
first. Then check your answers:
"""),
    code("""
x = [[1, 1], [2, 2], [-1, -1], [-2, -2]]
w1 = [[1, 1], [-1, -1]]
z1 = x @ w1'
y1 = relu(z1)
w2 = [[1, -1]]
z2 = y1 @ w2'
print(z1, y1, z2)
"""),
    md("""
What happened to the first two points, and to the last two? The first two came out as they
went in (2 and 4); the last two were multiplied by -1. No single linear map does both. The ReLU
sent each group down its own path: **the first layer splits the space into regions, the second
applies a different linear map in each.** That is what the MLP above did with the three
clusters.

When shapes do not fit, mlp says where and why:
"""),
    code("x @ w2", "raises-exception"),
    md("""
## The vanishing gradient

### Exercise

With $x = [1, 1]$, $w = [1, 1]$ and $b = -5$: what is $z = x w^T + b$, and what is the
gradient of $\\mathrm{ReLU}(z)$ with respect to $x$?

*Answer:* $z = -3$, and the ReLU is flat there, so the gradient is zero. Gradient descent
multiplies by it on the way back (the chain rule), so nothing before this unit learns anything
from these inputs. `grad` computes it:
"""),
    code("""
w = [[1, 1]]
b = -5
grad(x -> relu(x @ w' + b), [[1, 1]])
"""),
    md("""
In the MLP's animation this shows as points lined up on straight lines: those are the inputs
for which a ReLU is flat, and they stop moving.

## Residual blocks

One cure is to give the gradient a way around: add the input back to the block's output,

$$\\hat{y} = x + f(x W_1^T + b_1)\\,W_2^T + b_2.$$

`residual` is that block (both linear layers width × width).
"""),
    code("""
model = linear(2, 2, init=identity) |> residual(init=identity) |> residual(init=identity)
     |> linear(2, 2, init=identity)
run = train(model, X, y, lr=0.01, epochs=5000)
animate(run, duration=1, title="Linear by parts data, MLP model with residual propagation")
"""),
    md("""
## Normalization

Batch normalization keeps every layer's values in a reasonable range (zero mean, unit variance
over the batch, then a learned scale and shift). It makes training numerically steadier and
often faster. It usually goes right after the residual addition.
"""),
    code("""
model = linear(2, 2, init=identity) |> residual(init=identity) |> batchnorm
     |> residual(init=identity) |> batchnorm |> linear(2, 2, init=identity)
run = train(model, X, y, lr=0.01, epochs=5000)
animate(run, duration=1, title="Linear by parts data, MLP model with residual propagation and batch normalization")
"""),
    md("""
## What we have

- A linear (or logistic) regression is the baseline to beat.
- Stacking linear layers with ReLUs between them lets a model cut the space into regions and
  treat each region differently; more layers and wider layers allow more regions.
- Residual connections let gradients reach the early layers, so the whole network gets used.
- Normalization layers make the fit steadier.

## Practice

Build a network that maps `X` to `y` below, animate how it converges, and try the variations
above: without the residual block, without batch normalization, wider, narrower. What changes?
"""),
    code("""
x1 = linspace(-1, 1, 500)
x2 = linspace(1, -1, 500)
X = stack(x1, x2) + 0.1 * randn(500, 2)
y = 2 * X + X ^ 2 + 0.5
scatter(X, y, labels=["X", "y"], title="Scatterplot of X and y")
"""),
    code("""
run = train(linear(2, 16) |> relu |> residual |> batchnorm |> linear(2), X, y, lr=0.01, epochs=2000)
animate(run, title="Practice")
"""),
    md("One possible answer, above. Your turn: change the model and run the cell again."),
]

SPIRAL = [
    md("""
# Two spirals: a classifier's regions

Two interleaved spirals, one per class. No straight line separates them, so a linear classifier
has no chance; an MLP carves the plane into regions that follow the arms. Below we train once and
watch the regions form.
"""),
    code("""
seed(3)
n = 150
t = linspace(0.3, 1, n)
A = stack(t * cos(4 * pi * t), t * sin(4 * pi * t)) + 0.03 * randn(n, 2)
B = -1 * A
X = cat(A, B)
labels = cat(zeros(n, 1), ones(n, 1))
scatter(A, B, labels=["class 0", "class 1"], title="Two spirals")
"""),
    md("""
A model with two hidden layers of 32 units, two outputs (one score per class), trained with
cross entropy. Because the model takes 2 inputs and the loss classifies, the run records the
decision regions (the class the model predicts over a grid covering the data) at each kept frame.
"""),
    code("""
model = mlp(2, 32, 32, 2)
model
"""),
    code("""
run = train(model, X, labels, loss=cross_entropy, optimizer=adam(lr=0.01), epochs=1000)
accuracy(model(X), labels)
"""),
    md("""
The animation: press play, or drag the slider. The tinted regions are the model's answer for every
point of the plane; at first it calls everything one class, then the regions bend around the arms.
"""),
    code('animate(run, title="Two spirals")'),
    md("The regions of the trained model, drawn finely once more, and the loss:"),
    code('boundary(model, X, labels, title="After 1000 epochs")'),
    code("plot(run)"),
]

if __name__ == "__main__":
    write("tutorial.ipynb", TUTORIAL)
    write("spiral.ipynb", SPIRAL)
