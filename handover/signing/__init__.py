"""Digital PDF signatures: PAdES signing with a visible stamp (`pades`, `documents`) and certificates (`pki`)."""
