"""Chipao analytics: pure Python/pandas data layer (no Streamlit imports)."""
