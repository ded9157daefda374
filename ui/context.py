"""What every screen needs: the open database and the language, passed down instead of kept in globals."""

from __future__ import annotations

from dataclasses import dataclass

from handover.db import Database


@dataclass
class AppContext:
    db: Database
    language: str = "zh_CN"

    @property
    def english(self) -> bool:
        return self.language == "en"
