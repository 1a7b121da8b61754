"""Where data comes from: TPMAP area tables, household datasets and their query engine, the demo generator."""
