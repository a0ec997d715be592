# A tiny MyST book for the tests of backbalance.sphinxext; each test writes its own index.md
# and points backbalance_data_dir at the course data (or at a copy it may break).
extensions = ["myst_parser", "backbalance.sphinxext"]
exclude_patterns = ["_build", "data"]
