# A tiny Jupyter-Book-like book (external toc, bibtex, MyST) for the strict-build tests.
extensions = ["myst_parser", "sphinx_external_toc", "sphinxcontrib.bibtex", "backbalance.sphinxext"]
external_toc_path = "_toc.yml"
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "data"]
