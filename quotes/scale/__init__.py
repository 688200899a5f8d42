"""Extraction at scale: worker processes on this machine (:mod:`quotes.scale.pool`) or a Dask
cluster (:mod:`quotes.scale.dask`), both through one bounded, ordered executor
(:mod:`quotes.scale.executor`)."""

from __future__ import annotations

from quotes.scale.executor import extract_payload, ordered
from quotes.scale.pool import extract_parallel

__all__ = ["extract_parallel", "extract_payload", "ordered"]
