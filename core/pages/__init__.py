"""Page-specific math, one module per page (named after the page); numpy only."""
