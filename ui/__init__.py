"""What every page shares: URL-bound controls, input parsing, formulas, inert text, quiz."""
