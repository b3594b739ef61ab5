#!/usr/bin/env python3
"""Kernel start to first cell result, and a trivial cell's round trip, for the mlp kernel (and
IPython's, side by side, when it is installed), through Jupyter's own client.

usage: bench/jupyter/run.sh [rounds]   (the launcher builds the kernel's jar and installs it
into a temporary prefix; this script only measures)
Each round starts a fresh kernel and times, with a monotonic clock:
  start   from start_new_kernel() (process start, connection, kernel_info reply) to the
          result of the first cell `1 + 1`
  trivial the median of 5 round trips of `1 + 1` in that kernel (execute_request to the idle
          status after its reply)
Prints each round, then the medians and the ratio mlp / IPython.
"""
import statistics
import sys
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 5


def first_result(kc):
    out = []
    kc.execute_interactive("1 + 1", output_hook=lambda m: out.append(m), timeout=60)
    return out


def measure(kernel):
    t0 = time.monotonic()
    km, kc = start_new_kernel(kernel_name=kernel)
    first_result(kc)
    start = time.monotonic() - t0
    trips = []
    for _ in range(5):
        t = time.monotonic()
        first_result(kc)
        trips.append(time.monotonic() - t)
    km.shutdown_kernel(now=False)
    kc.stop_channels()
    return start, statistics.median(trips)


kernels = [k for k in ("mlp", "python3") if k in KernelSpecManager().find_kernel_specs()]
results = {k: [] for k in kernels}
for r in range(ROUNDS):
    for k in kernels:  # alternating, so both see the same machine load
        s, t = measure(k)
        results[k].append((s, t))
        print("round %d  %-8s start to first result %6.3f s   trivial cell %6.1f ms" % (r + 1, k, s, t * 1000), flush=True)

print()
print("%-8s %28s %22s" % ("kernel", "start to first result", "trivial cell round trip"))
med = {}
for k in kernels:
    s = statistics.median(x for x, _ in results[k])
    t = statistics.median(y for _, y in results[k])
    med[k] = (s, t)
    print("%-8s %26.3f s %20.1f ms" % (k, s, t * 1000))
if "python3" in med and "mlp" in med:
    print("%-8s %26.2fx %20.2fx" % ("mlp/py", med["mlp"][0] / med["python3"][0], med["mlp"][1] / med["python3"][1]))
