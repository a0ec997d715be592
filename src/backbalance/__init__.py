"""Back in Balance: the library behind the course on back muscle imbalance."""

__version__ = "0.1.0"
