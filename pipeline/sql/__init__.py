"""The package as one SQLite database, and Datasette's metadata to browse it.

`database` loads a built package (its datapackage.json, generated from pipeline/schema/,
and its CSVs) into SQLite; `datasette` writes the metadata and canned queries Datasette
shows; `publish` checks the outputs are ours and swaps them in. Nothing here runs during
`make datapackage`: the database is made from the package, after it.
"""
