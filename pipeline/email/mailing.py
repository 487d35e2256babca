"""The messages a week needs: the site-wide digest for each site list, a team's digest for each team list.

A team's list gets a digest only in a week its team published a weeknote:
an email that says nothing happened is one more reason to stop reading.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.email.options import MailingList
from pipeline.feeds.digest import Digest


@dataclass(frozen=True)
class Mailing:
    """One digest for one list: a message to send once."""

    digest: Digest  # for a team's list, only that team's weeknotes (and the week's posts)
    to: MailingList
    team_name: str | None = None

    @property
    def key(self) -> str:
        """Which digest this is, in the send log: '2026-W49', or '2026-W49/data-platform' for a team's."""
        return str(self.digest.week) + (f"/{self.to.team}" if self.to.team else "")

    @property
    def slug(self) -> str:
        """For Message-IDs and preview file names: 'digest-2026-w49', 'digest-2026-w49-data-platform'."""
        return f"digest-{self.digest.week.slug}" + (f"-{self.to.team}" if self.to.team else "")

    @property
    def heading(self) -> str:
        week = f"week {self.digest.week.week}, {self.digest.week.year}"
        if self.team_name:
            return f"{self.team_name} weeknotes for {week}"
        if self.digest.teams and self.digest.posts:
            return f"Weeknotes and posts for {week}"
        return f"Weeknotes for {week}" if self.digest.teams else f"Posts for {week}"

    @property
    def lede(self) -> str:
        """Plain text under the heading: what the site-wide digest holds ('' for a team's)."""
        if self.team_name:
            return ""
        posts = len(self.digest.posts)
        said = [f"{posts} post" + ("" if posts == 1 else "s")] if posts else []
        if self.digest.teams:
            said.append(f"weeknotes from {self.digest.teams_listed}")
        text = " and ".join(said)
        return text[:1].upper() + text[1:] + "." if text else ""


@dataclass(frozen=True)
class Skipped:
    to: MailingList
    reason: str


def plan(digest: Digest, lists: Iterable[MailingList], team_names: dict[str, str]) -> list[Mailing | Skipped]:
    """A Mailing for each list, in the order they are configured, or why it gets none this week."""
    planned: list[Mailing | Skipped] = []
    for mailing_list in lists:
        if mailing_list.team is None:
            planned.append(Mailing(digest, mailing_list))
            continue
        name = team_names.get(mailing_list.team, mailing_list.team)
        own = digest.for_team(mailing_list.team)
        if own.teams:
            planned.append(Mailing(own, mailing_list, name))
        else:
            planned.append(Skipped(mailing_list, f"{name} published no weeknote in week {digest.week.week}"))
    return planned
