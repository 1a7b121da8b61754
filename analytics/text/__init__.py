"""Screen words (Thai and English catalogues) and number/date formatting."""
