#!/usr/bin/env python3
"""Writes the committed seed corpus of the fuzz targets (fuzz/seeds/<target>/).

Sources: the memberships of examples/data/, the policies of
examples/policies/, and the `membership` (and `today`) of each golden case of
tests/data/cases/*.json (the crate's golden cases). Run from anywhere:
    python3 fuzz/seeds/make_seeds.py
"""
import datetime
import glob
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CASES = os.path.join(ROOT, "tests", "data", "cases")


def day_number(text):
    """chrono's num_days_from_ce: 0001-01-01 is day 1, as Python's ordinal."""
    return datetime.date.fromisoformat(text).toordinal()


def compact(value):
    return json.dumps(value, separators=(",", ":")).encode()


def write(target, name, data):
    folder = os.path.join(HERE, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def load(path):
    with open(path) as f:
        return json.load(f)


data = {os.path.basename(p)[:-5]: load(p) for p in sorted(glob.glob(os.path.join(ROOT, "examples/data/*.json")))}
policies = {os.path.basename(p)[:-5]: load(p) for p in sorted(glob.glob(os.path.join(ROOT, "examples/policies/*.json")))}
cases = {os.path.basename(p)[:-5]: load(p) for p in sorted(glob.glob(os.path.join(CASES, "*.json")))}

# membership_json: 4 bytes (i32 LE day number) + membership JSON.
for name, membership in data.items():
    write("membership_json", f"data-{name}", struct.pack("<i", day_number("2020-03-15")) + compact(membership))
for name, case in cases.items():
    write("membership_json", f"case-{name}", struct.pack("<i", day_number(case["today"])) + compact(case["membership"]))

# policy_json: policy JSON, 0xFF, i32 LE day number, u16 LE span, i8 delta, membership JSON.
memberships = list(data.items())
for index, (name, policy) in enumerate(policies.items()):
    mname, membership = memberships[index % len(memberships)]
    tail = struct.pack("<iHb", day_number("2020-06-01"), 40, 1) + compact(membership)
    write("policy_json", f"policy-{name}+{mname}", compact(policy) + b"\xff" + tail)
for name in ["e1-covid-h1-reactivation-over", "e2-covid-h2-override", "d4-last-representable-day"]:
    case = cases[name]
    tail = struct.pack("<iHb", day_number(case["today"]), 30, 0) + compact(case["membership"])
    write("policy_json", f"history+case-{name}", compact(policies["history"]) + b"\xff" + tail)

# apply_sequence: engine, start, i16 first-day offset, step count, steps
# (kind, target, i16 offset), then a membership JSON when start >= 0x80.
# Step kind = action (0 purchase, 1 renew, 2 reactivate, 3 covid override,
# 4 turn off auto-renew, 5 cancel, 6 invoice, 7 update profile, 8 documents,
# 9 migrate, 10 token replacement) + 11 * day mode (0 relative, 1 near the
# target's anniversary, 2 small step, 3 ends of the calendar).
def step(action, mode, target, offset):
    return struct.pack("<BBh", action + 11 * mode, target, offset)


def sequence(engine, start, first, steps, tail=b""):
    return struct.pack("<BBhB", engine, start, first, len(steps)) + b"".join(steps) + tail


renew_cycle = [step(6, 1, 0, 0), step(1, 1, 0, 1), step(1, 1, 0, 20), step(4, 2, 0, 3), step(1, 1, 0, 31)]
write("apply_sequence", "seed-renew-cycle", sequence(0, 0, -20, renew_cycle))
write("apply_sequence", "seed-lapse-purchase", sequence(1, 3, 40, [step(0, 0, 8, 0), step(0, 2, 9, 5), step(5, 2, 0, 1), step(1, 1, 0, 5)]))
write("apply_sequence", "seed-covid-reactivate", sequence(5, 1, 60, [step(2, 1, 0, 40), step(3, 1, 0, 70), step(1, 1, 0, 2)]))
write("apply_sequence", "seed-pmc-migrate", sequence(2, 6, -30, [step(9, 2, 0, 0), step(7, 2, 0, 0), step(1, 1, 0, 1)]))
write("apply_sequence", "seed-tokens", sequence(6, 7, 0, [step(10, 1, 0, 0), step(10, 1, 1, 30), step(10, 1, 2, 31)]))
write("apply_sequence", "seed-calendar-ends", sequence(3, 12, 0, [step(0, 3, 8, 0), step(0, 3, 9, 1), step(1, 3, 0, 3), step(0, 3, 8, 5)]))
for index, name in enumerate(["g2-merged-action-packs", "e2-covid-h2-override", "d4-last-representable-day", "b2-token-replacement-last-day"]):
    case = cases[name]
    write("apply_sequence", f"case-{name}", sequence(index, 0x80, 0, renew_cycle, compact(case["membership"])))
