"""What every screen needs: the open database and the language, passed down instead of kept in globals."""

from __future__ import annotations

from dataclasses import dataclass

from handover.db import Database


@dataclass
class AppContext:
    db: Database
    language: str = "zh_CN"

    @property
    def shown_url(self) -> str:
        """The database for display: a server password is never shown on screen."""
        from sqlalchemy.engine import make_url

        return make_url(self.db.url).render_as_string(hide_password=True)

    @property
    def english(self) -> bool:
        return self.language == "en"
