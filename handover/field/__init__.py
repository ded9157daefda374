"""Field visits (外出核查): check cases out to a laptop file, work offline, check them in with a three-way merge.

docs/field.md explains it for an assessor."""
