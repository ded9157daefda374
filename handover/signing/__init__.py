"""Signatures: handwritten sign-off records and the lock (records, strokes), and PAdES digital signatures (pki, pades)."""
