"""Digital PDF signatures: PAdES signing with a visible stamp (`pades`) and certificates (`pki`); the document pipeline
(gather → render → sign → write → record) for one case (`documents`) and for many on all cores (`batch`)."""
