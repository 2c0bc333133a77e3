#!/usr/bin/env python3
"""Generate swa.jsonl: torch.optim.swa_utils.AveragedModel and update_bn on real PyTorch 2.13.

    /tmp/t213/bin/python src/test/resources/golden/generate_swa.py

Kind "average": a module with two parameters (a 4x3 weight, a bias of 3) and a float buffer of 3
takes a seeded sequence of values (magnitudes spread over 1e-3..1e3, so that every rounding of
the running mean shows); after each snapshot, AveragedModel(model, use_buffers=...) runs
update_parameters(model) on the CPU with the default avg_fn (the per-tensor
averaged + (p - averaged) / (n_averaged + 1) in float32). The line holds every snapshot and
the averaged parameters and buffer after each update, as float32 bit patterns.

Kind "update_bn": a BatchNorm1d(3) in a Sequential takes seeded batches; update_bn(batches,
model) recomputes its running mean and variance (momentum None: the cumulative average over the
batches). The line holds the batches and the result as float32 bit patterns.

Options: --out FILE, --seed N.
"""
import argparse, json, os, struct, sys

import torch
from torch.optim.swa_utils import AveragedModel, update_bn

if not torch.__version__.startswith("2.13"):
    sys.exit("needs torch 2.13, found " + torch.__version__)


def bits(t):
    return [struct.unpack("<I", struct.pack("<f", v))[0]
            for v in t.detach().reshape(-1).tolist()]


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.zeros(4, 3))
        self.bias = torch.nn.Parameter(torch.zeros(3))
        self.register_buffer("stat", torch.zeros(3))

    def tensors(self):
        return [("weight", self.weight), ("bias", self.bias), ("stat", self.stat)]


def snapshot(gen, shape):
    scale = torch.pow(10.0, torch.rand(shape, generator=gen) * 6 - 3)
    return (torch.randn(shape, generator=gen) * scale).to(torch.float32)


def average_case(name, seed, updates, use_buffers):
    gen = torch.Generator().manual_seed(seed)
    model = Net()
    swa = AveragedModel(model, use_buffers=use_buffers)
    snaps, averaged = [], []
    for _ in range(updates):
        with torch.no_grad():
            snap = {}
            for n, t in model.tensors():
                t.copy_(snapshot(gen, tuple(t.shape)))
                snap[n] = bits(t)
        swa.update_parameters(model)
        got = dict(zip(["weight", "bias", "stat"],
                       [swa.module.weight, swa.module.bias, swa.module.stat]))
        snaps.append(snap)
        averaged.append({n: bits(t) for n, t in got.items()})
    return {"kind": "average", "name": name, "seed": seed, "use_buffers": use_buffers,
            "shapes": {n: list(t.shape) for n, t in model.tensors()},
            "n_averaged": int(swa.n_averaged), "snapshots": snaps, "averaged": averaged}


def bn_case(name, seed, batches, batch_size):
    gen = torch.Generator().manual_seed(seed)
    model = torch.nn.Sequential(torch.nn.BatchNorm1d(3))
    data = [(torch.randn(batch_size, 3, generator=gen) * 3 + 1).to(torch.float32)
            for _ in range(batches)]
    update_bn(data, model)
    bn = model[0]
    return {"kind": "update_bn", "name": name, "seed": seed, "shape": [batch_size, 3],
            "batches": [bits(b) for b in data], "running_mean": bits(bn.running_mean),
            "running_var": bits(bn.running_var)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "swa.jsonl"))
    ap.add_argument("--seed", type=int, default=2013)
    a = ap.parse_args()
    torch.set_num_threads(1)
    cases = [average_case("swa-params", a.seed, 12, False),
             average_case("swa-buffers", a.seed + 1, 12, True),
             average_case("swa-long", a.seed + 2, 40, False),
             bn_case("update-bn", a.seed + 3, 5, 8)]
    with open(a.out, "w") as f:
        for c in cases:
            f.write(json.dumps(c, separators=(",", ":")) + "\n")
    print("wrote %d cases to %s" % (len(cases), a.out))


if __name__ == "__main__":
    main()
