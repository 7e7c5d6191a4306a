"""The figures as plain-text tables, and the machine they were measured on."""

from __future__ import annotations

import os
import platform
from collections.abc import Sequence
from pathlib import Path

from bench.common import SIZES, Results, median


def machine() -> dict[str, object]:
    import pygame
    import yaml

    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "system": f"{platform.system()} {platform.release()}",
        "cpu": model or platform.processor(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "pygame": f"pygame-ce {pygame.version.ver} (SDL {'.'.join(map(str, pygame.get_sdl_version()))})",
        "pyyaml": f"{yaml.__version__}{' with libyaml' if yaml.__with_libyaml__ else ''}",
        "load_before": round(load[0], 2),
    }


def _value(value: float, unit: str) -> str:
    if unit == "core":
        return f"{value * 100:.2f} %"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.2f} ms"
    return f"{value:.1f} {unit}"


def render(results: Results) -> str:
    """The figures and the frame times as plain-text tables."""
    config, info = results.config, results.machine
    lines = [
        f"In Kind benchmark ({config.label}), {results.seconds:.0f} s: {info['cores']} cores "
        f"{info['cpu']}, {info['system']}, Python {info['python']}, {info['pygame']}, "
        f"PyYAML {info['pyyaml']}; load average {info['load_before']} before, "
        f"{info.get('load_after', '?')} after",
        "",
    ]
    rows = [("figure", "median", "min", "max", "runs", "target", "")]
    for f in results.figures:
        verdict = {None: "", True: "ok", False: "MISSED"}[f.met]
        rows.append(
            (
                f.label,
                _value(f.median, f.unit),
                _value(f.low, f.unit),
                _value(f.high, f.unit),
                str(len(f.values)),
                f.target_text,
                verdict,
            )
        )
    lines += _columns(rows)
    if results.frames:
        runs = len(results.frames[0].p99s)
        lines += [
            "",
            f"Frame time in ms: update + draw + flip as the loop does it, {runs} run(s) of "
            f"{results.frames[0].frames} frames; p99 as median [min-max] of the runs; "
            "cpu p99 = the drawing thread's own CPU time (without time lost to other "
            "processes); first = opening the screen and drawing its first frame, in the first "
            "run (text not yet cached)",
        ]
        header = ["scene"]
        for width, height in SIZES:
            header += [f"{width}x{height} median", "p99", "cpu p99", "first"]
        rows = [tuple(header)]
        for name in dict.fromkeys(s.scene for s in results.frames):
            row = [name if name != "floor" else "floor: blit one cached frame"]
            for size in SIZES:
                stats = next(s for s in results.frames if s.scene == name and s.size == size)
                p99 = median(stats.p99s)
                row += [
                    f"{median(stats.medians):.2f}",
                    f"{p99:.2f} [{min(stats.p99s):.2f}-{max(stats.p99s):.2f}]",
                    f"{median(stats.cpu_p99s):.2f}",
                    f"{stats.firsts[0]:.1f}",
                ]
            rows.append(tuple(row))
        lines += _columns(rows)
    for note in results.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines)


def _columns(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
