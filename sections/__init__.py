"""The Streamlit code of each page's sections, one module per page (named after the page).

A page script in ``views/`` reads as a table of contents and calls these; each
function draws one section: its controls (``ui.controls``), one ``core`` call,
one figure builder, and the ``st.*`` output. Kept in modules rather than in the
page scripts because Streamlit compiles a page script again on every run but
imports a module once.
"""
