# Generates numpy-cases.txt: tensors and how NumPy prints them under
# np.set_printoptions(precision=4). Run with /usr/bin/python3 (NumPy 1.24); the Java test
# FormatTest compares mlp's printing against it. Whole-valued tensors are printed as NumPy
# integer arrays (mlp's one deliberate difference), and a summarized tensor gets its shape
# appended, as mlp does.
import numpy as np

np.set_printoptions(precision=4)
rng = np.random.default_rng(7)
cases = []

def add(a):
    # random values are cut to 6 significant digits to keep this file small
    a = np.vectorize(lambda v: float('%.6g' % v))(np.asarray(a, dtype=np.float64))
    cases.append(np.asarray(a, dtype=np.float64).reshape(np.shape(a) if np.ndim(a) == 2 else (1, -1)))

fixed = [
    [[2., -2.], [4., -4.]], [[1.5, 2, -3]], [[1e-5, 1]], [[1e-5, 1.5]], [[1e6, 1]], [[1e8, 1.5]],
    [[np.nan, 1.5, np.inf]], [[np.nan, 1.0]], [[-np.inf, 0.5]], [[1 / 3, 2 / 3, 100]],
    [[1234.5678, 0.001]], [[0.125, 0.03125, 0.00015]], [[1e100, 1.5]], [[-1e-5, 2.5]],
    [[0.0, -0.0, 0.5]], [[1e-20, 0.5]], [[0.00015, 0.5]], [[12345678.9, 1]], [[np.nan, np.inf]],
    [[np.nan, -np.inf, 1e-5]], [[9.99995, 1.5]], [[9.99996e-5, 1]], [[1e-300, 1e300]], [[-1.5]],
    [[0.1 + 0.2]], [[2.5, 0.375, 0.125]], [[1e16, 1]], [[-7, 10000, 3]], [[np.nan, 1, 2]],
    [[np.inf, -np.inf, 0]],
]
for a in fixed:
    add(a)
for r, c in [(1, 1), (3, 2), (4, 4), (10, 1), (1, 30), (2, 40), (5, 12)]:
    for scale in [1e-6, 1e-3, 1, 10, 1e3, 1e5, 1e9]:
        add(rng.standard_normal((r, c)) * scale)
    add(rng.integers(-1000, 1000, (r, c)))
    a = rng.standard_normal((r, c))
    a.flat[0] = np.nan
    add(a)
for r, c in [(1000, 2), (2, 1000), (40, 30), (1001, 1), (300, 4), (7, 200)]:
    if r * c < 1500:
        add(rng.standard_normal((r, c)))
    add(np.arange(r * c, dtype=np.float64).reshape(r, c))
add(np.arange(100.).reshape(1, 100) / 7)
add(np.linspace(-1, 1, 9).reshape(9, 1))

with open("numpy-cases.txt", "w") as f:
    for a in cases:
        finite = a[np.isfinite(a)]
        whole = finite.size > 0 and np.all(finite == np.round(finite)) and np.all(np.abs(finite) < 1e16)
        if whole and finite.size == a.size:
            text = str(a.astype(np.int64))
        else:
            text = str(a)
        if a.size > 1000:
            text += " (%d×%d)" % a.shape
        f.write("case %d %d\n" % a.shape)
        f.write(" ".join(repr(float(v)) for v in a.flat) + "\n")
        f.write(text + "\nend\n")
