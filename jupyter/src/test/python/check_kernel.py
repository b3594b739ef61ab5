#!/usr/bin/env python3
"""Drives the mlp kernel through Jupyter's own client and checks what a notebook user sees.

usage: check_kernel.py NOTEBOOKS_DIR WORK_DIR
The kernelspec `mlp` must be on JUPYTER_PATH (JupyterIT installs it into a temporary prefix and
points JUPYTER_PATH, JUPYTER_DATA_DIR and JUPYTER_RUNTIME_DIR at temporary folders).
Prints one line per check; exits 1 at the first one that fails.
"""
import base64
import json
import os
import re
import subprocess
import sys
import time
import zlib

import nbformat
from nbclient import NotebookClient
from jupyter_client.manager import start_new_kernel

NOTEBOOKS, WORK = sys.argv[1], sys.argv[2]


def check(ok, what, detail=""):
    if not ok:
        print("FAILED: " + what + ("\n  " + str(detail)[:2000] if detail != "" else ""))
        sys.exit(1)
    print("ok: " + what)


def text(v):
    return "".join(v) if isinstance(v, list) else (v or "")


def outputs_of(nb, needle):
    """The outputs of the first code cell whose source contains needle."""
    for c in nb.cells:
        if c.cell_type == "code" and needle in c.source:
            return c.outputs
    raise AssertionError("no cell with " + needle)


def png_pixels(data):
    """The (r, g, b) pixels of an 8-bit RGB PNG (what the player's region layers are), row by row."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w, h = 8, b"", 0, 0
    while pos < len(data):
        n = int.from_bytes(data[pos:pos + 4], "big")
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h = int.from_bytes(body[0:4], "big"), int.from_bytes(body[4:8], "big")
            assert body[8] == 8 and body[9] == 2 and body[12] == 0, "8-bit RGB, not interlaced"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, rows, prev = zlib.decompress(idat), w * 3, [], bytearray(w * 3)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - 3] if i >= 3 else 0
            b, c = prev[i], prev[i - 3] if i >= 3 else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows += [tuple(line[i:i + 3]) for i in range(0, stride, 3)]
        prev = line
    return rows


def execute(name):
    nb = nbformat.read(os.path.join(NOTEBOOKS, name), as_version=4)
    start = time.time()
    NotebookClient(nb, timeout=300, kernel_name="mlp", resources={"metadata": {"path": WORK}}).execute()
    print("  (%s ran in %.1f s)" % (name, time.time() - start))
    return nb


# ---- the tutorial, headless, as nbconvert --execute runs it ----
nb = execute("tutorial.ipynb")
out = outputs_of(nb, "X = randn(100, 2) * 5")
res = [o for o in out if o.output_type == "execute_result"]
check(len(res) == 1 and "<table" in text(res[0].data["text/html"]) and "3.3301e+00" in text(res[0].data["text/plain"]),
      "a tensor's Out[n]: its text and an HTML table", out)
out = outputs_of(nb, "run = train(linear(2, 2, init=identity), X, y, lr=0.01, epochs=1000)")
bars = [o for o in out if o.output_type == "display_data" and "it/s" in text(o.data.get("text/plain"))]
check(len(bars) == 1 and "1000/1000" in text(bars[0].data["text/plain"]) and "100%|" in text(bars[0].data["text/plain"]),
      "the progress bar is one output, its final line kept", out)
res = [o for o in out if o.output_type == "execute_result"]
check(res and text(res[0].data["text/plain"]).startswith("run: 1000 epochs, final loss"), "a run's Out[n] is its line", res)
out = outputs_of(nb, 'animate(run, title="Linear data, linear model")')
players = [o for o in out if o.output_type == "display_data" and "text/html" in o.data]
check(len(players) == 1, "animate shows one player", out)
html = text(players[0].data["text/html"])
check("<canvas" in html and "mlp-play" in html and "mlp-slider" in html and "epoch 1000 / 1000" in html.replace("\\u0020", " "),
      "the player has a canvas, a play button, a slider and the epoch", html[:500])
check("http:" not in html and "https:" not in html and "<script src" not in html, "the player fetches nothing from the network")
gif = base64.b64decode(text(players[0].data["image/gif"]))
check(gif[:6] == b"GIF89a" and len(gif) < 200_000, "the player carries a small GIF for front ends without HTML", len(gif))
png = [o for o in outputs_of(nb, "plot(run)") if o.output_type == "display_data"]
check(png and base64.b64decode(text(png[0].data["image/png"]))[:8] == b"\x89PNG\r\n\x1a\n", "plot(run) shows a PNG inline")
out = outputs_of(nb, "model = linear(2, 2, init=identity) |> relu |> linear(2, 2, init=identity)\nmodel")
res = [o for o in out if o.output_type == "execute_result"]
check(res and "<table" in text(res[0].data["text/html"]) and "linear(2, 2)" in text(res[0].data["text/html"])
      and "total" in text(res[0].data["text/plain"]), "a model's Out[n] is its summary table, in HTML too", res)
out = outputs_of(nb, "print(z1, y1, z2)")
streams = [o for o in out if o.output_type == "stream"]
check(streams and streams[0].name == "stdout" and "[[ 2 -2]" in streams[0].text, "print goes to the cell's stdout", out)
out = outputs_of(nb, "x @ w2")
err = [o for o in out if o.output_type == "error"]
check(len(err) == 1 and err[0].ename == "Error", "an error cell: its kind as ename", out)
tb = [line.replace("\x1b[0;31m", "").replace("\x1b[0m", "") for line in err[0].traceback]
check(tb[0].startswith("In[") and "]:1:3: shape mismatch in '@': (4×2) @ (1×2)" in tb[0]
      and tb[1] == "  x @ w2" and tb[2] == "    ^" and not any("at mlp." in line or "java" in line for line in tb),
      "an error shows In[n]:line:col: message, the line and a caret, no stack trace", tb)
out = outputs_of(nb, "grad(x -> relu(x @ w' + b), [[1, 1]])")
check([text(o.data["text/plain"]) for o in out if o.output_type == "execute_result"] == ["[[0 0]]"], "the vanishing gradient is [[0 0]]", out)
n_players = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs
                if o.output_type == "display_data" and "mlp-player" in text(o.data.get("text/html")))
check(n_players == 6, "the tutorial shows its six animations", n_players)

# ---- the spiral: trained once, its regions forming in the player ----
nb = execute("spiral.ipynb")
trains = [c for c in nb.cells if c.cell_type == "code" and "train(" in c.source]
check(len(trains) == 1, "the spiral trains once", len(trains))
acc = [text(o.data["text/plain"]) for o in outputs_of(nb, "run = train(") if o.output_type == "execute_result"]
check(acc and float(acc[0]) >= 0.95, "the trained classifier separates the spirals", acc)
players = [o for o in outputs_of(nb, "animate(run") if o.output_type == "display_data" and "text/html" in o.data]
check(len(players) == 1, "animate(run) shows one player", outputs_of(nb, "animate(run"))
html = text(players[0].data["text/html"])
check("http:" not in html and "https:" not in html and "<script src" not in html, "the spiral's player fetches nothing")
layers = re.findall(r"'(iVBOR[A-Za-z0-9+/=]*)'", html)
frames = re.search(r"frames = (\d+);", html)
check(frames and len(layers) == int(frames.group(1)) > 10, "the player carries a region layer per frame",
      (len(layers), frames and frames.group(1)))
first, last = png_pixels(base64.b64decode(layers[0])), png_pixels(base64.b64decode(layers[-1]))
changed = sum(1 for a, b in zip(first, last) if a != b)
check(len(first) == 60 * 60 and changed > 60 * 60 // 10, "the regions form: the first frame's and the last's differ in many cells",
      changed)
check(len(set(last)) == 2, "the last frame shows both classes' regions", set(last))
check(sum(1 for o in outputs_of(nb, "boundary(") if o.output_type == "display_data") == 1, "boundary draws the trained regions")

# ---- one kernel, driven message by message ----
os.chdir(WORK)
before = set(os.listdir(WORK))
km, kc = start_new_kernel(kernel_name="mlp", cwd=WORK)


def run(code, timeout=60):
    msgs = []
    reply = kc.execute_interactive(code, output_hook=lambda m: msgs.append(m), timeout=timeout)
    return reply["content"], [(m["msg_type"], m["content"]) for m in msgs if m["msg_type"] not in ("status", "execute_input")]


def result(code):
    content, msgs = run(code)
    res = [c for t, c in msgs if t == "execute_result"]
    return content, (text(res[0]["data"]["text/plain"]) if res else None), msgs


try:
    content, value, msgs = result("big = zeros(100, 20)\nbig")
    html = text([c for t, c in msgs if t == "execute_result"][0]["data"]["text/html"])
    check(html.count("<tr>") == 7 and html.count("&hellip;") == 13 and "100&times;20" in html,
          "a large tensor's HTML table is elided as its text is (3 rows and columns at each end)", html)
    result("a = 1")
    content, value, msgs = result("b = a + nosuch")
    check(content["status"] == "error" and content["ename"] == "Error", "an unknown name is an error", content)
    content, value, msgs = result("a")
    check(value == "1", "the kernel keeps its names after an error", value)

    content, value, msgs = result('print("before")\nseed(1)\nP = randn(200, 2)\nrp = train(mlp(2, 32, 2), P, P, epochs=800)\nprint("after")')
    kinds = [t for t, c in msgs]
    first_bar = kinds.index("display_data")
    check(kinds[0] == "stream" and "before" in msgs[0][1]["text"] and first_bar > 0 and kinds[-1] == "stream",
          "print is sent as it happens: before the bar, the bar, after", kinds)
    ids = {c["transient"]["display_id"] for t, c in msgs if t in ("display_data", "update_display_data")}
    check(len(ids) == 1 and kinds.count("display_data") == 1, "the bar is one display, updated in place", kinds)

    # long enough (~2 s on a quiet machine) for redraws between the first picture and the player: at 20000
    # epochs a fast machine finished in 0.7 s, before the second redraw was due
    start = time.time()
    content, value, msgs = result("rl = train(mlp(2, 16, 2), P, P * 2, epochs=60000, live=true, progress=false)")
    took = time.time() - start
    pictures = [(t, c) for t, c in msgs if t in ("display_data", "update_display_data")]
    check(pictures and pictures[0][0] == "display_data" and "image/png" in pictures[0][1]["data"],
          "live=true shows a PNG at once", [t for t, c in pictures])
    check("mlp-player" in text(pictures[-1][1]["data"].get("text/html")) and pictures[-1][0] == "update_display_data",
          "live=true ends with the run's player in the same place", [t for t, c in pictures])
    check(3 <= len(pictures) <= 2 + took * 5, "live=true redraws while it trains, at most a few times a second (%d in %.1f s)" % (len(pictures), took))

    content, value, msgs = result('animate(rp, file="%s")' % os.path.join(WORK, "..", "shared.html"))
    page = open(os.path.join(WORK, "..", "shared.html"), encoding="utf-8").read()
    check(page.startswith("<!DOCTYPE html>") and "<canvas" in page and "mlp-play" in page and "http" not in page,
          'animate(run, file="x.html") writes the self-contained player', page[:300])

    kc.complete("tra", 3)
    reply = kc.get_shell_msg(timeout=10)["content"]
    check("train" in reply["matches"] and reply["cursor_start"] == 0 and reply["cursor_end"] == 3, "TAB completes tra to train", reply)
    kc.complete("x = rp", 6)
    reply = kc.get_shell_msg(timeout=10)["content"]
    check(reply["matches"][:1] == ["rp"], "TAB completes the notebook's own names first", reply)
    kc.inspect("train(", 6)
    reply = kc.get_shell_msg(timeout=10)["content"]
    check(reply["found"] and text(reply["data"]["text/plain"]).startswith("train(model, X, y, epochs=100"),
          "Shift-TAB in a call shows the built-in's :help text", reply)
    for code, status in [("[1, 2", "incomplete"), ("model = linear(2, 16) |>", "incomplete"), ("x = 1", "complete"), (")", "invalid")]:
        kc.is_complete(code)
        reply = kc.get_shell_msg(timeout=10)["content"]
        check(reply["status"] == status, "is_complete(%r) is %s" % (code, status), reply)

    # the stop button: training stops after an epoch, the run so far is kept, the next cell runs
    msg_id = kc.execute("Q = randn(2000, 2)\nrun_long = train(mlp(2, 64, 64, 2), Q, Q, epochs=1000000, progress=false)")
    time.sleep(3)
    km.interrupt_kernel()
    while True:
        reply = kc.get_shell_msg(timeout=30)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    check(reply["content"]["status"] == "error" and reply["content"]["ename"] == "Interrupted",
          "interrupting a long train ends the cell as Interrupted", reply["content"])
    content, value, msgs = result("run_long.epochs")
    check(value is not None and 0 < float(value) < 1000000, "the interrupted run keeps its finished epochs (%s)" % value)
    content, value, msgs = result("1 + 1")
    check(value == "2", "the next cell runs after an interrupt")
finally:
    km.shutdown_kernel(now=False)
    kc.stop_channels()
check(km.is_alive() is False, "the kernel ends on shutdown")
left = set(os.listdir(WORK)) - before
check(not left, "the kernel leaves no files in its folder", left)

# ---- a kernel whose client dies without a word ends itself ----
pid_file = os.path.join(WORK, "..", "kernel.pid")
subprocess.run([sys.executable, "-c", """
import os, subprocess, sys
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name="mlp", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
open(sys.argv[1], "w").write(str(km.provisioner.process.pid))
os._exit(9)
""", pid_file], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
pid = int(open(pid_file).read())


def running(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


deadline = time.time() + 10
while time.time() < deadline and running(pid):
    time.sleep(0.2)
gone = not running(pid)
if not gone:
    os.kill(pid, 9)  # leave nothing running, then fail
check(gone, "a kernel whose client is gone exits by itself")
print("all checks passed", flush=True)
os._exit(0)  # skips the clients' destructors, which complain at interpreter exit
