"""posdiff: compare what the parties to a negotiation have said they want."""

__version__ = "0.1.0"
