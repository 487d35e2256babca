"""The weekly digest as an email, built from the digest feed's model and sent once to each list.

- `options`: [tool.notes.email], checked: sender, lists, server, send log.
- `week`: the week's digests from the loaded notes, without Pelican (pipeline/feeds/digest.py's model).
- `render`: the HTML part (inline CSS) and the plain-text part.
- `message`: the message with its headers (Message-ID, List-Id, List-Unsubscribe, ...).
- `sendlog`: which digest went to which list, written whole after every message.
- `smtp`: delivery over TLS with the standard library.
- `run`: the messages a week needs, previewed or sent, skipping those already sent.
"""
