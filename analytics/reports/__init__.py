"""Reports composed from domain and data: the executive briefing."""
