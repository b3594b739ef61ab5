# How mlp prints, in Python: used to compute the expected .out files of the golden corpus
# from NumPy twins of the programs (run with /usr/bin/python3, NumPy 1.24). t() is a tensor,
# n() a number, p() a print call.
import numpy as np, math
np.set_printoptions(precision=4)
def t(a):
    a = np.asarray(a, dtype=float)
    if a.ndim == 1: a = a.reshape(1, -1)
    if np.all(np.isfinite(a)) and np.all(a == np.round(a)) and np.all(np.abs(a) < 1e16) and a.size:
        s = str(a.astype(np.int64))
    else:
        s = str(a) if a.size else "[]"
    if a.size > 1000 or a.size == 0: s += " (%d×%d)" % a.shape
    return s
def n(x):
    x = float(x)
    if math.isnan(x): return "nan"
    if math.isinf(x): return "inf" if x > 0 else "-inf"
    if x == round(x) and abs(x) < 1e16: return str(int(x))
    return repr(x)  # the shortest decimal that reads back to the same double
def p(*xs):
    print(" ".join(x if isinstance(x, str) else (n(x) if np.ndim(x) == 0 else t(x)) for x in xs))
