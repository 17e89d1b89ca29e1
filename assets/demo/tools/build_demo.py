#!/usr/bin/env python3
"""Builds the demo package sources assets/demo/unt-2024, assets/demo/unt-2021 and
assets/demo/teacher-2024 from the hand-written and templated sample content beside this
script. Deterministic: the same script always writes the same files. Run: python3 assets/demo/tools/build_demo.py"""

import json
import math
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from content_fixed import HISTORY, MATH_LITERACY, METHODOLOGY, READING, STATS_CONTEXT  # noqa: E402
from content_generated import (  # noqa: E402
    MATH_CONTEXT, MATH_MATCHING, MATH_MULTIPLE, PHYSICS_CONTEXT, PHYSICS_MATCHING, PHYSICS_MULTIPLE,
    distractors, math_single, num, physics_single,
)

DEMO = Path(__file__).resolve().parent.parent
NOTE = ("Sample tasks written for demonstration and testing of U-STUDY Station. "
        "They are not real UNT content and say nothing about the real test.")


def pair(x):
    return x if isinstance(x, tuple) else (x, x)


def loc(kk, ru):
    return {"kk": kk, "ru": ru}


class Builder:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.tasks, self.groups, self.key = [], [], {}

    def rebalance(self, correct, wrong, count):
        """Hand-written options that are one whole number in the same words each time (a year,
        an amount): the wrong values are drawn anew around the key, the hand-written ones used
        as the likely mistakes, so the key's rank among the options is random (written by hand,
        keys sat in the middle). Other options are kept as written."""
        opts = [pair(correct)] + [pair(w) for w in wrong]
        shapes = []
        for lang in (0, 1):
            texts = [o[lang] for o in opts]
            found = [list(NUMBER.finditer(t)) for t in texts]
            if not all(len(f) == 1 for f in found):
                return correct, wrong
            heads = {t[: f[0].start()] for t, f in zip(texts, found)}
            tails = {t[f[0].end():] for t, f in zip(texts, found)}
            if len(heads) != 1 or len(tails) != 1:
                return correct, wrong
            raw = [f[0].group(0) for f in found]
            if any("," in r for r in raw):
                return correct, wrong
            values = [int(r.replace(" ", "").replace("−", "-")) for r in raw]
            shapes.append((heads.pop(), tails.pop(), values, any(" " in r for r in raw)))
        if shapes[0][2] != shapes[1][2]:
            return correct, wrong
        values = shapes[0][2]
        key = values[0]
        # A year (its words say so): its options lie a few years apart.
        words = " ".join(head + tail for head, tail, _, _ in shapes)
        year = 1000 <= key <= 2100 and ("жыл" in words or "год" in words)
        new = distractors(key, self.rng, count - 1, values[1:],
                          step=self.rng.choice([1, 2, 3, 5, 10]) if year else None)

        def text(v):
            return tuple(head + (num(v) if grouped or v < 0 else str(v)) + tail
                         for head, tail, _, grouped in shapes)
        return text(key), [text(v) for v in new]

    def options(self, correct, wrong, count, written=False):
        if written:
            correct, wrong = self.rebalance(correct, wrong, count)
        opts = [pair(correct)] + [pair(w) for w in wrong[: count - 1]]
        assert len(opts) == count, (correct, wrong)
        assert len({o[1] for o in opts}) == count, f"repeated option in {opts}"
        order = list(range(count))
        self.rng.shuffle(order)
        return [loc(*opts[i]) for i in order], order.index(0)

    def single(self, block, tid, kk, ru, correct, wrong, count, group=None, kind=None, written=True):
        options, k = self.options(correct, wrong, count, written)
        task = {"id": tid, "block": block, "kind": kind or ("context" if group else "single"),
                "stem": loc(kk, ru), "options": options}
        if group:
            task["group"] = group
        self.tasks.append(task)
        self.key[tid] = {"one": k}

    def matching(self, block, tid, item):
        kk, ru, rows, extra = item
        rights = [(r[2], r[3]) for r in rows] + [extra]
        order = list(range(len(rights)))
        self.rng.shuffle(order)
        self.tasks.append({"id": tid, "block": block, "kind": "matching", "stem": loc(kk, ru),
                           "items": [loc(r[0], r[1]) for r in rows],
                           "options": [loc(*rights[i]) for i in order]})
        self.key[tid] = {"pairs": [order.index(i) for i in range(len(rows))]}

    def multiple(self, block, tid, item, count, most):
        kk, ru, correct, wrong = item
        n = self.rng.randint(1, most)
        picked = self.rng.sample(correct, n)
        opts = picked + self.rng.sample(wrong, count - n)
        order = list(range(count))
        self.rng.shuffle(order)
        self.tasks.append({"id": tid, "block": block, "kind": "multiple",
                           "stem": loc(kk + " (бір немесе бірнеше дұрыс жауап)", ru + " (один или несколько верных ответов)"),
                           "options": [loc(*pair(opts[i])) for i in order]})
        self.key[tid] = {"many": sorted(order.index(i) for i in range(n))}

    def context(self, block, prefix, group, count, start=0):
        gid, kk, ru, _media, questions = group
        self.groups.append({"id": f"{block}-{gid}", "stimulus": loc(kk, ru)})
        for i, (qkk, qru, opts) in enumerate(questions):
            self.single(block, f"{prefix}-{gid}-{i + 1}", qkk, qru, opts[0], opts[1:], count, group=f"{block}-{gid}")


def build(fmt):
    b = Builder(seed=2024 if fmt == "unt-2024" else 2021)
    if fmt == "unt-2024":
        n_hist, n_ml, n_read, opts = 20, 10, 2, 4
        n_single, n_mult, mult_opts, n_match = 25, 5, 6, 5
    else:
        n_hist, n_ml, n_read, opts = 15, 15, 4, 5
        n_single, n_mult, mult_opts, n_match = 20, 10, 8, 0
    for i, (kk, ru, o) in enumerate(HISTORY[:n_hist]):
        b.single("history", f"hist-{i + 1:02}", kk, ru, o[0], o[1:], opts)
    for i, (kk, ru, o) in enumerate(MATH_LITERACY[:n_ml]):
        b.single("math-literacy", f"ml-{i + 1:02}", kk, ru, o[0], o[1:], opts)
    for passage in READING[:n_read]:
        b.context("reading-literacy", "rl", passage, opts)
    for block, prefix, singles, context, matching, multiple in [
        ("profile-1", "math", math_single(b.rng, n_single), MATH_CONTEXT, MATH_MATCHING, MATH_MULTIPLE),
        ("profile-2", "phys", physics_single(b.rng, n_single), PHYSICS_CONTEXT, PHYSICS_MATCHING, PHYSICS_MULTIPLE),
    ]:
        for i, (kk, ru, key, wrong) in enumerate(singles):
            b.single(block, f"{prefix}-{i + 1:02}", kk, ru, key, wrong, opts, written=False)
        b.context(block, prefix, context, opts)
        for i in range(n_match):
            b.matching(block, f"{prefix}-match-{i + 1}", matching[i])
        # Every multiple-answer task of a package asks about a pool of its own.
        assert n_mult <= len(multiple), f"{fmt}: {n_mult} multiple-answer tasks, {len(multiple)} pools"
        for i in range(n_mult):
            b.multiple(block, f"{prefix}-multi-{i + 1:02}", multiple[i], mult_opts, 3)
    year = fmt.split("-")[1]
    manifest = {
        "id": f"demo-{fmt}",
        "title": loc(f"ҰБТ демо-пакеті ({year} форматы)", f"Демо-пакет ЕНТ (формат {year})"),
        "format": fmt,
        "subjects": [
            {"block": "history", "code": "history-kz"},
            {"block": "math-literacy", "code": "math-literacy"},
            {"block": "reading-literacy", "code": "reading-literacy"},
            {"block": "profile-1", "code": "mathematics"},
            {"block": "profile-2", "code": "physics"},
        ],
    }
    media = {"parabola.svg": parabola_svg(), "velocity.svg": velocity_svg()}
    if n_read >= 2:
        media["library-visitors.svg"] = library_svg()
    save(fmt, manifest, b, media)


NUMBER = re.compile(r"[−-]?\d+(?: \d{3})*(?:,\d+)?")


def numbers(text):
    """The numbers a text holds, as floats (decimal comma, spaces between thousands, − minus)."""
    out = []
    for m in NUMBER.finditer(text):
        s = m.group(0).strip().replace(" ", "").replace(",", ".").replace("−", "-")
        try:
            out.append(float(s))
        except ValueError:
            pass
    return out


def unique(scores):
    """The index of the single highest score, if there is one and it is above zero."""
    best = max(scores)
    return scores.index(best) if best > 0 and scores.count(best) == 1 else None


def picks(options):
    """What each simple rule a guesser might use picks among `options` (texts), or None."""
    values = [numbers(o) for o in options]
    out = {}
    if all(len(v) == 1 for v in values):
        flat = [v[0] for v in values]
        order = sorted(range(len(flat)), key=lambda i: flat[i])
        out["smallest"] = order[0] if flat.count(flat[order[0]]) == 1 else None
        out["largest"] = order[-1] if flat.count(flat[order[-1]]) == 1 else None
        out["middle"] = order[len(order) // 2] if len(order) % 2 == 1 else None
        out["most ±1 neighbours"] = unique([sum(abs(a - b) == 1 for b in flat) for a in flat])
    sets = [set(v) for v in values]
    out["shares a number"] = unique([sum(1 for j, t in enumerate(sets) if j != i and s & t)
                                     for i, s in enumerate(sets)])
    return out


def check_guessability(fmt, tasks, key):
    """Fails the build when a simple rule finds the key of single-choice tasks more often than
    chance (beyond two standard deviations and one task)."""
    hits, expected, var, used = {}, {}, {}, {}
    for task in tasks:
        if task["kind"] not in ("single", "context"):
            continue
        options = [o["ru"] for o in task["options"]]
        p = 1 / len(options)
        for rule, pick in picks(options).items():
            if pick is None:
                continue
            used[rule] = used.get(rule, 0) + 1
            hits[rule] = hits.get(rule, 0) + (pick == key[task["id"]]["one"])
            expected[rule] = expected.get(rule, 0) + p
            var[rule] = var.get(rule, 0) + p * (1 - p)
    failed = []
    for rule in sorted(used):
        bound = expected[rule] + 2 * math.sqrt(var[rule]) + 1
        line = (f"{fmt}: rule '{rule}' picks in {used[rule]} tasks, finds the key in {hits[rule]} "
                f"(chance {expected[rule]:.1f}, at most {bound:.1f})")
        print(line)
        if hits[rule] > bound:
            failed.append(line)
    if failed:
        sys.exit("guessable keys:\n" + "\n".join(failed))


def build_teacher():
    """The teacher-test demo (teacher-2024): a mathematics teacher's subject knowledge (20 tasks
    and two contexts of five) and teaching methodology (20 tasks), four options each."""
    fmt = "teacher-2024"
    b = Builder(seed=2025)
    for i, (kk, ru, key, wrong) in enumerate(math_single(b.rng, 20)):
        b.single("subject", f"subj-{i + 1:02}", kk, ru, key, wrong, 4, written=False)
    b.context("subject", "subj", MATH_CONTEXT, 4)
    b.context("subject", "subj", STATS_CONTEXT, 4)
    for i, (kk, ru, o) in enumerate(METHODOLOGY):
        b.single("methodology", f"meth-{i + 1:02}", kk, ru, o[0], o[1:], 4)
    manifest = {
        "id": f"demo-{fmt}",
        "title": loc("Педагогтерді аттестаттау демо-пакеті (математика)",
                     "Демо-пакет аттестации педагогов (математика)"),
        "format": fmt,
        "subjects": [
            {"block": "subject", "code": "mathematics"},
            {"block": "methodology", "code": "methodology"},
        ],
    }
    save(fmt, manifest, b, {"parabola.svg": parabola_svg()})


def save(fmt, manifest, b, media):
    """Writes package source `fmt`: the manifest (with what every demo package says of itself),
    the tasks, the key and the media; then checks its keys cannot be guessed."""
    manifest.update({"languages": ["kk", "ru"], "variant": "standard", "sample": True, "note": NOTE})
    out = DEMO / fmt
    (out / "media").mkdir(parents=True, exist_ok=True)
    write(out / "manifest.json", manifest)
    write(out / "tasks.json", {"groups": b.groups, "tasks": b.tasks})
    write(out / "key.json", b.key)
    check_guessability(fmt, b.tasks, b.key)
    for name, text in media.items():
        (out / "media" / name).write_text(text, encoding="utf-8")
    print(f"{fmt}: {len(b.tasks)} tasks")


def write(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def svg(width, height, body):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="14">\n'
            f'<rect width="{width}" height="{height}" fill="#ffffff"/>\n{body}</svg>\n')


def axes(ox, oy, x0, x1, y0, y1, sx, sy, xticks, yticks, xl, yl):
    """Axes through screen origin (ox, oy) with data ranges and scales."""
    parts = []
    for t in xticks:
        x = ox + t * sx
        parts.append(f'<line x1="{x}" y1="{oy - y1 * sy}" x2="{x}" y2="{oy - y0 * sy}" stroke="#e0e0e0"/>')
        parts.append(f'<text x="{x}" y="{oy + 18}" text-anchor="middle">{t}</text>')
    for t in yticks:
        y = oy - t * sy
        parts.append(f'<line x1="{ox + x0 * sx}" y1="{y}" x2="{ox + x1 * sx}" y2="{y}" stroke="#e0e0e0"/>')
        parts.append(f'<text x="{ox - 8}" y="{y + 5}" text-anchor="end">{t}</text>')
    parts.append(f'<line x1="{ox + x0 * sx}" y1="{oy}" x2="{ox + x1 * sx + 10}" y2="{oy}" stroke="#000" stroke-width="1.5"/>')
    parts.append(f'<line x1="{ox}" y1="{oy - y0 * sy}" x2="{ox}" y2="{oy - y1 * sy - 10}" stroke="#000" stroke-width="1.5"/>')
    parts.append(f'<text x="{ox + x1 * sx + 14}" y="{oy + 5}">{xl}</text>')
    parts.append(f'<text x="{ox + 6}" y="{oy - y1 * sy - 12}">{yl}</text>')
    return "\n".join(parts) + "\n"


def parabola_svg():
    ox, oy, sx, sy = 80, 260, 50, 30
    pts = " ".join(f"{ox + x * sx:.1f},{oy - (x * x - 4 * x + 3) * sy:.1f}"
                   for x in [i / 20 for i in range(-10, 91)] if -1.2 <= x * x - 4 * x + 3 <= 7.2)
    body = axes(ox, oy, -1, 5, -2, 7, sx, sy, range(-1, 6), range(-1, 8), "x", "y")
    body += f'<polyline points="{pts}" fill="none" stroke="#1565c0" stroke-width="2.5"/>\n'
    body += f'<circle cx="{ox + 2 * sx}" cy="{oy + sy}" r="4" fill="#c62828"/>\n'
    return svg(400, 340, body)


def velocity_svg():
    ox, oy, sx, sy = 60, 250, 30, 25
    pts = [(0, 0), (4, 8), (10, 8), (12, 0)]
    body = axes(ox, oy, 0, 13, 0, 9, sx, sy, range(0, 14, 2), range(0, 10, 2), "t, с", "v, м/с")
    body += '<polyline points="' + " ".join(f"{ox + t * sx},{oy - v * sy}" for t, v in pts)
    body += '" fill="none" stroke="#1565c0" stroke-width="2.5"/>\n'
    return svg(500, 300, body)


def library_svg():
    values = [320, 280, 350, 410, 390, 260]
    ox, oy, sy, w = 70, 260, 0.5, 50
    body = axes(ox, oy, 0, 0, 0, 450, 1, sy, [], range(0, 451, 100), "", "")
    for i, v in enumerate(values):
        x = ox + 20 + i * (w + 20)
        body += f'<rect x="{x}" y="{oy - v * sy}" width="{w}" height="{v * sy}" fill="#2e7d32"/>\n'
        body += f'<text x="{x + w / 2}" y="{oy - v * sy - 6}" text-anchor="middle">{v}</text>\n'
        body += f'<text x="{x + w / 2}" y="{oy + 20}" text-anchor="middle">{["I", "II", "III", "IV", "V", "VI"][i]}</text>\n'
    body += f'<line x1="{ox}" y1="{oy}" x2="{ox + 6 * (w + 20) + 20}" y2="{oy}" stroke="#000" stroke-width="1.5"/>\n'
    return svg(540, 300, body)


if __name__ == "__main__":
    for fmt in ["unt-2024", "unt-2021"]:
        build(fmt)
    build_teacher()
