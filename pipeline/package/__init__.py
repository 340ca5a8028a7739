"""The package stage: tidy tables and findings -> a package folder (CSV, seed documents, descriptor,
README, codebook, figures, CITATION.cff)."""
