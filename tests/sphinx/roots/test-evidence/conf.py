# A tiny book for the tests of backbalance.sphinxext.evidence.
extensions = ["backbalance.sphinxext"]
exclude_patterns = ["_build", "data"]
