#!/usr/bin/env python3
"""Writes torch_cpu_generator.jsonl: draws of REAL torch's CPU generator, the goldens of
io.github.lrschedulers.internal.TorchCpuGenerator (what timm's seeded noise draws from).

Run with the torch venv (2.13 here):  /tmp/t213/bin/python generate_torch_cpu_generator.py
Each line: {"seed", "randn": [6 successive torch.randn(1, generator=g).item()],
            "rand": [4 successive torch.rand(1, generator=g).item()]}, g freshly seeded for each list.
"""
import json
import os
import random

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch_cpu_generator.jsonl")


def main():
    seeds = list(range(0, 300)) + [-1, -2, -7, -2 ** 31, -2 ** 63, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1,
                                   2 ** 32, 2 ** 32 + 42, 2 ** 40 + 3, 2 ** 63 - 1]
    rng = random.Random(20261202)
    seeds += [rng.randrange(0, 2 ** 63) for _ in range(100)]
    g = torch.Generator()
    with open(OUT, "w") as f:
        for s in seeds:
            g.manual_seed(s)
            randn = [torch.randn(1, generator=g).item() for _ in range(6)]
            g.manual_seed(s)
            rand = [torch.rand(1, generator=g).item() for _ in range(4)]
            f.write(json.dumps({"seed": s, "randn": randn, "rand": rand}) + "\n")
    print("torch", torch.__version__, len(seeds), "seeds ->", OUT)


if __name__ == "__main__":
    main()
