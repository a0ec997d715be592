# A tiny book with a table of contents (_toc.yml, as Jupyter Book's), a page only instructors
# read and some mathematics (the tests of backbalance.sphinxext.editions and .reader).
extensions = ["sphinx_external_toc", "myst_nb", "backbalance.sphinxext"]
external_toc_path = "_toc.yml"
external_toc_exclude_missing = True
exclude_patterns = ["_build", "data"]
nb_execution_mode = "off"
myst_enable_extensions = ["dollarmath"]
backbalance_instructor_pages = ["guide"]
source_suffix = {".md": "myst-nb"}  # as Jupyter Book does
