"""The printed documents: departure review report (评审报告), handover sheet (交接单), signature page, draw record.

`data.gather` collects everything a document shows into a plain `ReportData`; `render.render_pdf` lays it out with
reportlab; `canonical` defines the content fingerprint; `verify` checks a PDF against the database. Saving, signing and
recording a document is handover.signing.documents (one case) and handover.signing.batch (many).
Importing this package loads no reportlab: the heavy modules are imported by whoever needs them.
"""
