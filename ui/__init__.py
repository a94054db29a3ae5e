"""What every page shares: URL-bound controls, parsing of typed input, formulas, inert text, the quiz."""
