"""Web addresses: whether a link is one, and its canonical form. Imports nothing of ours, so
that the floor (config) and the sources, feeds and state can all use the one check."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

WEB_SCHEMES = ("http", "https")
TRACKING_PARAMETER = re.compile(r"utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|_ga|ocid|cmpid", re.I)


def web_link(link: str) -> str:
    """The link when it is an http(s) address; never file:// or anything else."""
    link = (link or "").strip()
    try:
        parts = urlsplit(link)
        parts.port  # noqa: B018 -- raises ValueError for a malformed port
    except ValueError:  # "http://[oops/a", "http://host:8o8o/"
        return ""
    return link if parts.scheme.lower() in WEB_SCHEMES and parts.hostname else ""


def canonical_url(url: str) -> str:
    """host/path?query with scheme, www., fragment, tracking parameters and trailing slash gone.

    "" when `url` is not an http(s) address.
    """
    if not web_link(url):
        return ""
    parts = urlsplit(url.strip())
    host = parts.hostname.lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = sorted(
        (name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING_PARAMETER.fullmatch(name)
    )
    path = parts.path.rstrip("/")
    return urlunsplit(("", host, path, urlencode(query), "")).removeprefix("//")
