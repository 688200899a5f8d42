"""The reading room in the browser (``quotes serve``): search, articles with their quotes marked,
speakers over time, recycled quotes side by side, downloads, and readers' corrections.

Starlette + Jinja2 templates, served by uvicorn; no JavaScript build step and nothing fetched
from the network (the pages work offline). Install with ``pip install 'quotes[web]'``.
"""

from __future__ import annotations

from quotes.web.app import create_app

__all__ = ["create_app"]
