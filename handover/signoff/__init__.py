"""Signing off a case: the content fingerprint (内容指纹) signatures are bound to, the sign-off and its lock, revisions,
ink capture and the tables that hold them. Below the report: the report reads a case's fingerprint from here."""
