"""From sources to published artefacts: one gate, the build, the quality report, releases and
changelogs."""
