"""ETL pipeline: "Foreign relations of X" articles (and other seed documents) -> a Frictionless Data Package."""

__version__ = "0.1.0"
# The tool's one name (the distribution is foreign-relations-data): it marks what it writes (a package's
# `pipeline.name`, Datasette's metadata), signs its requests (User-Agent) and names its maintainers.
TOOL_NAME = "foreign-relations-pipeline"
# Names it went by before: what they marked is still recognised as ours.
FORMER_TOOL_NAMES = ("mali-foreign-relations-pipeline",)
