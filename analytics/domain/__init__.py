"""Pure domain rules: areas, indicators, measures, target lists, access. No screen, file or database."""
