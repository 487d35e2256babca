"""The linter: tone rules over Markdown, and the policy that decides what is reported."""
