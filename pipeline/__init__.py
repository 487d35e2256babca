"""notes: lint and publish leadership blogs and team weeknotes."""

__version__ = "0.1.0"
