"""Home: the training pipeline (model -> scores -> loss -> optimizer) on the lecture batch."""

from sections import home as sections
from ui import presenter

presenter.header(
    "The training pipeline",
    "Training a classifier takes three choices: a **model** that turns an image into class "
    "scores, a **loss** that says how bad they are, and an **optimizer** that nudges the "
    "weights to lower the loss. Below, the lecture's dog, bird and truck images go through "
    "all three.",
    lesson=(
        "Training is three choices: a **model** that scores, a **loss** that says how bad the "
        "scores are, and an **optimizer** that follows the loss's gradient downhill."
    ),
)

loss, learning_rate, steps = sections.settings()
run = sections.pipeline(loss, learning_rate, steps)
sections.three_pieces(loss, learning_rate)
sections.batch_loss(run)
sections.page_links()
