"""Streamlit helpers shared by the pages: URL-synced controls, input parsing, formula text."""
