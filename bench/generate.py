"""Generate large, valid journey files for benchmarks and scale tests.

Usage: python bench/generate.py N [OUT] [--labels]  (N touch-points; prints to stdout without OUT;
--labels puts a label on every flow)
"""

from __future__ import annotations

import random
import sys
from typing import Optional

RATINGS = ("reliable", "it-depends", "unreliable", "unknown")
CHANNELS = ("phone", "web", "app", "email", "store", "mail", "chat")


LABELS = ("if approved", "when the customer calls back", "otherwise", "after two days",
          "if the damage is over 5k", "on a weekend")


def generate_journey(touchpoints: int, departments: Optional[int] = None,
                     stages: Optional[int] = None, seed: int = 7, labels: bool = False) -> str:
    """A valid journey as YAML text with the given number of touch-points.

    Departments default to ~sqrt(n)/2 (2..30), stages to ~sqrt(n) (2..60), touch-points are
    spread over them with some explicit branches, so the grid is realistic. With ``labels``
    every flow carries a label (its twin without has the same grid and flows).
    """
    rng = random.Random(seed)
    n_dep = departments or max(2, min(30, int(touchpoints ** 0.5 / 2) + 1))
    n_stage = stages or max(2, min(60, int(touchpoints ** 0.5)))
    lines = ["journeymap: 1", f"title: Generated journey with {touchpoints} touch-points",
             f"id: gen-{touchpoints}", "owner: Chief Customer Officer", "departments:"]
    layers = ("external", "frontstage", "frontstage", "backstage", "support")
    for d in range(n_dep):
        lines += [f"  - id: dept-{d}", f"    name: Department {d} with a longer name",
                  f"    lead: Lead {d}", f"    layer: {layers[d % len(layers)]}"]
    lines.append("stages:")
    per_stage = [touchpoints // n_stage + (1 if s < touchpoints % n_stage else 0) for s in range(n_stage)]
    ids = [f"tp-{i}" for i in range(touchpoints)]
    k = 0
    for s in range(n_stage):
        lines += [f"  - id: stage-{s}", f"    name: Stage {s} of the journey",
                  f"    owner: Owner {s}", "    feedback: [Survey]", "    touchpoints:"]
        if per_stage[s] == 0:
            lines[-1] = "    touchpoints: []"
        for _ in range(per_stage[s]):
            rating = RATINGS[rng.randrange(4)]
            lines += [f"      - id: {ids[k]}", f"        name: Touch-point {k} where the customer does a thing",
                      f"        department: dept-{rng.randrange(n_dep)}",
                      f"        channel: {CHANNELS[rng.randrange(len(CHANNELS))]}",
                      f"        reliability: {rating}"]
            if rating == "it-depends":
                lines.append("        depends_on: [Who answers]")
            if rng.random() < 0.05:
                lines += ["        moment_of_truth: true", "        metric: Satisfaction",
                          "        expectation: It works first time"]
            if rng.random() < 0.5:
                lines.append(f"        emotion: {rng.randrange(-2, 3)}")
            if k + 2 < touchpoints and rng.random() < 0.1:
                first = f"{{to: {ids[k + 1]}, label: {LABELS[k % len(LABELS)]}}}" if labels else ids[k + 1]
                lines.append(f"        next: [{first}, {{to: {ids[k + 2]}, label: skip}}]")
            elif labels and k + 1 < touchpoints:
                lines.append(f"        next: [{{to: {ids[k + 1]}, label: {LABELS[k % len(LABELS)]}}}]")
            k += 1
    return "\n".join(lines) + "\n"


def generate_limits_journey(touchpoints: int = 2000, departments: int = 200, stages: int = 200,
                            flows: int = 4, seed: int = 3) -> str:
    """A valid journey at SPEC 5's limits (by default): each touch-point leads on to ``flows``
    touch-points anywhere later, in lanes drawn at random, so most flows cross many lanes. Audit
    EO's journey, which Graphviz's orthogonal router did not route in 120 s."""
    rng = random.Random(seed)
    out, k = [], -1
    for line in generate_journey(touchpoints, departments=departments, stages=stages).splitlines():
        if line.strip().startswith("next:"):
            continue
        out.append(line)
        if line.startswith("      - id: tp-"):
            k = int(line.split("tp-")[1])
        if line.startswith("        department:") and k + flows < touchpoints:
            targets = sorted(rng.sample(range(k + 1, touchpoints), flows))
            out.append("        next: [" + ", ".join(f"tp-{i}" for i in targets) + "]")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    """Command-line entry point: ``generate.py N [OUT] [--labels]`` (options in any order)."""
    import argparse

    parser = argparse.ArgumentParser(description="Write a generated journey of N touch-points.")
    parser.add_argument("touchpoints", type=int, metavar="N")
    parser.add_argument("out", nargs="?", help="the file to write (default: standard output)")
    parser.add_argument("--labels", action="store_true", help="put a label on every flow")
    args = parser.parse_args(argv[1:])
    text = generate_journey(args.touchpoints, labels=args.labels)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
