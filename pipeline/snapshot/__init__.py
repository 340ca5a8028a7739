"""Snapshot stage: fetch articles of the family from a MediaWiki wiki (or a dump), pinned by revision,
into a seed folder with their manifest entries. The one stage that touches the network."""
