"""What every screen needs: the open database and the language, passed down instead of kept in globals."""

from __future__ import annotations

from dataclasses import dataclass

from handover.services.connection import Database, shown_url


@dataclass
class AppContext:
    db: Database
    language: str = "zh_CN"

    @property
    def shown_url(self) -> str:
        """The database for display: a server password is never shown on screen."""
        return shown_url(self.db)

    @property
    def english(self) -> bool:
        return self.language == "en"
