"""Pure NumPy math of Loss Function Explorer: losses, softmax, regularization, models.

Nothing here imports streamlit or plotly; pages and figures build on it.
"""
