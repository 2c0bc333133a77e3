"""Reference suggestions of the LR range test, for LrSuggestionsGoldenTest.

Run:  /tmp/lrf_venv/bin/python generate_suggestions.py > suggestions.jsonl
(a venv with --system-site-packages over the torch 2.13 / numpy environment, plus
`pip install pytorch-lightning==2.6.6`; pinned below). Deterministic: fixed seeds.

Each line is one curve: the rates `lrs`, the raw losses `raw`, the smoothed losses `losses`
(beta 0.98 with bias correction, as LrFinder smooths, in Python floats; `smoothed_from_raw`
is false where a case edits them: rounded, or NaN and inf put in) and `num_it`, with the
index each rule picks (null: no suggestion):
- steepest: the REAL Lightning `_LRFinder.suggestion()` (skip_begin=10, skip_end=1), read from
  its `_optimal_idx`.
- valley, slide, minimum, steep: fastai 2.7's rules (fastai/callback/schedule.py) re-implemented
  here from their published definitions (fastai is not installable in this environment), applied,
  as `Learner.lr_find` does, to `[num_it // 10 : -5]` cut at the first NaN, on float32 tensors as
  fastai holds them. Each rule is also applied in float64; a curve where the two precisions pick
  different rows is left out (and named on stderr), so that every golden is the rule's answer in
  both.
Also `ramps`: rates of the exponential and linear ramps, `start * (end / start) ** (k / (n - 1))`
and `start + (k / (n - 1)) * (end - start)`, in Python floats.
"""

import json
import math
import sys

import numpy as np
import pytorch_lightning
import torch
from pytorch_lightning.tuner.lr_finder import _LRFinder

assert pytorch_lightning.__version__ == "2.6.6", pytorch_lightning.__version__
BETA = 0.98


def exp_ramp(start, end, n):
    return [start * (end / start) ** (k / (n - 1)) for k in range(n)]


def lin_ramp(start, end, n):
    return [start + (k / (n - 1)) * (end - start) for k in range(n)]


def smooth(raw):
    avg, out = 0.0, []
    for k, loss in enumerate(raw):
        avg = BETA * avg + (1 - BETA) * loss
        out.append(avg / (1 - BETA ** (k + 1)))
    return out


def truncate_on_divergence(raw, sm, threshold=4.0):
    best = math.inf
    for k, s in enumerate(sm):
        if not math.isfinite(raw[k]) or not math.isfinite(s):
            return k + 1
        best = min(best, s)
        if s > threshold * best:
            return k + 1
    return len(sm)


def lightning_steepest(lrs, losses):
    finder = _LRFinder("exponential", lrs[0], lrs[-1], len(lrs))
    finder.results = {"lr": list(lrs), "loss": list(losses)}
    lr = finder.suggestion()
    idx = finder._optimal_idx
    if lr is None:
        return None
    assert lr == lrs[idx]
    return idx


def steepest64(lrs, losses):
    lo = np.array(losses[10:-1], dtype=np.float64)
    x = np.array(lrs[10:-1], dtype=np.float64)
    ok = np.isfinite(lo)
    rows = np.arange(len(losses))[10:-1][ok]
    if ok.sum() < 2:
        return None
    return int(rows[int(np.argmin(np.gradient(lo[ok], x[ok])))])


def window(lrs, losses, num_it, dtype):
    a = np.array(lrs[num_it // 10 : -5], dtype=dtype)
    b = np.array(losses[num_it // 10 : -5], dtype=dtype)
    nan = np.nonzero(np.isnan(b))[0]
    if len(nan) > 0:
        a, b = a[: nan[0]], b[: nan[0]]
    return a, b


def valley(b):
    # longest strictly decreasing subsequence ending at each row; max_end/max_start updated
    # inside the inner loop, as fastai does
    n = len(b)
    if n == 0:
        return None
    lds = [1] * n
    max_start = max_end = 0
    for i in range(1, n):
        for j in range(i):
            if b[i] < b[j] and lds[i] < lds[j] + 1:
                lds[i] = lds[j] + 1
            if lds[max_end] < lds[i]:
                max_end = i
                max_start = max_end - lds[max_end]
    sections = (max_end - max_start) / 3
    idx = max_start + int(sections) + int(sections / 2)
    return idx % n


def slide(b, lr_diff=15, thresh=0.005):
    n = len(b)
    if n < lr_diff + 1 or n < 2:
        return None
    g = np.gradient(b)
    r = n - 1
    l = r - lr_diff
    cand = l
    while l >= 0 and abs(g[r] - g[l]) > thresh:
        cand = l
        r -= 1
        l -= 1
    return cand


def minimum(b):
    return None if len(b) == 0 else int(np.argmin(b))


def steep(a, b):
    if len(b) < 2:
        return None
    if a.dtype == np.float32:
        ta, tb = torch.from_numpy(a), torch.from_numpy(b)
        grads = (tb[1:] - tb[:-1]) / (ta[1:].log() - ta[:-1].log())
        return int(grads.argmin())
    grads = (b[1:] - b[:-1]) / (np.log(a[1:]) - np.log(a[:-1]))
    return int(np.argmin(grads))


def fastai(lrs, losses, num_it):
    out = {}
    for dtype in (np.float32, np.float64):
        a, b = window(lrs, losses, num_it, dtype)
        begin = min(num_it // 10, len(lrs))
        res = {
            "valley": valley(b),
            "slide": slide(b),
            "minimum": minimum(b),
            "steep": steep(a, b),
        }
        out[dtype] = {k: (None if v is None else begin + v) for k, v in res.items()}
    return out[np.float32], out[np.float32] == out[np.float64]


def curve(rng, lrs, noise, centre, width, blow):
    x = np.log10(np.array(lrs))
    base = 2.3 - 1.8 / (1 + np.exp(-(x - centre) / width)) + np.exp((x - blow) * 3)
    return [float(v) for v in base + noise * rng.standard_normal(len(lrs))]


def cases():
    for seed in range(16):
        rng = np.random.RandomState(seed)
        lrs = exp_ramp(1e-7, 10.0, 100)
        raw = curve(rng, lrs, 0.05 + 0.01 * seed, -3 + 0.1 * seed, 0.4, -0.5)
        sm = smooth(raw)
        n = truncate_on_divergence(raw, sm)
        yield f"exponential-seed{seed}", lrs[:n], raw[:n], sm[:n], 100
    for seed in range(4):
        rng = np.random.RandomState(100 + seed)
        lrs = lin_ramp(1e-4, 1.0, 100)
        raw = curve(rng, lrs, 0.03, -1.2, 0.3, 0.3)
        sm = smooth(raw)
        n = truncate_on_divergence(raw, sm)
        yield f"linear-seed{seed}", lrs[:n], raw[:n], sm[:n], 100
    rng = np.random.RandomState(7)
    lrs = exp_ramp(1e-6, 1.0, 200)
    raw = curve(rng, lrs, 0.02, -3, 0.5, 0.5)
    yield "no-divergence-200", lrs, raw, smooth(raw), 200
    for n in (2, 11, 12, 16, 30, 31, 40):
        rng = np.random.RandomState(n)
        lrs = exp_ramp(1e-7, 10.0, 100)[:n]
        raw = curve(rng, lrs, 0.05, -5, 0.4, 3)
        yield f"short-{n}", lrs, raw, smooth(raw), 100
    lrs = exp_ramp(1e-5, 1.0, 60)
    raw = [3.0 - 0.04 * k for k in range(60)]
    yield "decreasing", lrs, raw, smooth(raw), 60
    raw = [1.5] * 60
    yield "flat", lrs, raw, [1.5] * 60, 60
    rng = np.random.RandomState(3)
    lrs = exp_ramp(1e-7, 10.0, 100)
    raw = [round(v, 1) for v in curve(rng, lrs, 0.05, -3, 0.4, -0.5)]
    sm = [round(v, 2) for v in smooth(raw)]
    n = truncate_on_divergence(raw, sm)
    yield "quantized-ties", lrs[:n], raw[:n], sm[:n], 100
    rng = np.random.RandomState(11)
    raw = curve(rng, lrs, 0.05, -3, 0.4, -0.5)[:70]
    sm = smooth(raw)[:70]
    sm[60] = math.nan
    sm[65] = math.inf
    yield "non-finite", lrs[:70], raw, sm, 100


def main():
    print(f"# pytorch_lightning {pytorch_lightning.__version__}, torch {torch.__version__}, "
          f"numpy {np.__version__}", file=sys.stderr)
    for name, lrs, raw, losses, num_it in cases():
        steepest = lightning_steepest(lrs, losses)
        if steepest != steepest64(lrs, losses):
            print(f"left out {name}: Lightning float32 {steepest}, float64 "
                  f"{steepest64(lrs, losses)}", file=sys.stderr)
            continue
        fa, same = fastai(lrs, losses, num_it)
        if not same:
            print(f"left out {name}: fastai float32 and float64 differ", file=sys.stderr)
            continue
        row = {"name": name, "num_it": num_it, "lrs": lrs, "raw": raw, "losses": losses,
               "smoothed_from_raw": losses == smooth(raw), "steepest": steepest, **fa}
        print(json.dumps(row))
    ramps = []
    for start, end, n in ((1e-7, 10.0, 100), (1e-8, 1.0, 100), (1e-5, 3.0, 37), (0.001, 0.1, 2)):
        ramps.append({"mode": "EXPONENTIAL", "start": start, "end": end, "n": n,
                      "lrs": exp_ramp(start, end, n)})
        ramps.append({"mode": "LINEAR", "start": start, "end": end, "n": n,
                      "lrs": lin_ramp(start, end, n)})
    print(json.dumps({"name": "ramps", "ramps": ramps}))


if __name__ == "__main__":
    main()
