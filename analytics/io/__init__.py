"""Files in and out: tabular reading and field checks, importers, exports and PDFs."""
