"""The tone rules, one module per family. Importing this package registers them all."""

from pipeline.lint.rules import clarity, inclusive, readability, security, structure, voice, words  # noqa: F401
