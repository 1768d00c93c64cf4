"""briefing: news articles in, a broadcast-quality MP3 news briefing out."""

__version__ = "0.1.0"
