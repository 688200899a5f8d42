"""Work counted as lines of code run, for the linear-cost tests (issue 15): wall-clock time on a
shared machine is too noisy to tell 2x per doubling (linear) from 4x (quadratic)."""

from __future__ import annotations

import math
import sys
from typing import Any, Callable


def lines_run(fn: Callable[..., Any], *args: Any, within: str) -> tuple[int, Any]:
    """How many lines of files whose path starts with ``within`` ``fn(*args)`` runs, and its result."""
    count = 0

    def local(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame, event, arg):  # type: ignore[no-untyped-def]
        return local if frame.f_code.co_filename.startswith(within) else None

    sys.settrace(tracer)
    try:
        result = fn(*args)
    finally:
        sys.settrace(None)
    return count, result


def calls_made(fn: Callable[..., Any], *args: Any) -> tuple[int, Any]:
    """How many function calls ``fn(*args)`` makes, spaCy's included: its Cython code is built
    with profiling, so work it does out of sight of :func:`lines_run` (``doc.text`` joining every
    token, say) is counted too."""
    count = 0

    def profile(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        result = fn(*args)
    finally:
        sys.setprofile(None)
    return count, result


def per_doubling(small: int, large: int, factor: int) -> float:
    """Growth per doubling of the input, from counts at two sizes ``factor`` apart."""
    return (large / small) ** (1 / math.log2(factor))
