# A tiny book of both editions: every way of writing a block for instructors only, in a
# chapter and in a notebook (the tests of backbalance.sphinxext.editions).
extensions = ["myst_nb", "backbalance.sphinxext"]
exclude_patterns = ["_build", "data"]
nb_execution_mode = "off"
html_sourcelink_suffix = ""
myst_enable_extensions = ["colon_fence"]  # as Jupyter Book does
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
