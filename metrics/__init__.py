"""mediametrics: news coverage and the figures it reports, as data."""

__version__ = "0.1.0"
