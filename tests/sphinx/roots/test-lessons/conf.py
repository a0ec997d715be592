# A tiny book for the tests of backbalance.sphinxext.
extensions = ["backbalance.sphinxext"]
exclude_patterns = ["_build", "data"]
