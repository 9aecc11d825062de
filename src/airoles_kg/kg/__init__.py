"""The knowledge graph: loading the sources, stamping the version, materialising shortcuts."""
