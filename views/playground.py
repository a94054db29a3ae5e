"""The training playground: the lecture's pipeline (model, loss, optimizer), live on 2D points."""

from sections import playground as sections
from ui import presenter

presenter.header(
    "Training playground",
    "Pick data, a model and a loss, then **Step**, **Run** or **Play** gradient descent and "
    "watch the decision regions move and the loss fall. Every setting and the step count are "
    "in the sidebar's link.",
    lesson=(
        "Model, loss and optimizer at work: **Step** or **Play** and watch the loss fall and "
        "the decision regions move."
    ),
)

setup = sections.settings()
sections.trainer(setup)
