"""The release stage: the version bump, the changelog, row- and schema-level diffs between packages,
the swap of a complete, valid package into place."""
