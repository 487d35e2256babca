"""notes: lint and publish leadership blogs and team weeknotes."""
