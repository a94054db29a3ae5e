"""Cross-entropy vs MSE: the two loss surfaces of a small network (Glorot & Bengio 2010, Fig. 5)."""

from sections import loss_surfaces as sections
from ui import presenter

presenter.header(
    "Cross-entropy vs MSE surfaces",
    "The loss of a one-hidden-layer network with a sigmoid output over one first-layer weight "
    "**W1** and one output weight **W2**: cross-entropy black, MSE red, as in Glorot & Bengio "
    "(2010, Fig. 5). Drag to rotate; gradient descent runs on both from one start.",
    lesson=(
        "**Cross-entropy** is steep where **MSE** has plateaus: gradient descent leaves a bad "
        "start far faster on cross-entropy."
    ),
)

settings = sections.settings()
sections.explore(settings)
