"""The composition of Integrado: the `integrado` command, the whole suite in one process, the
deployment check, the installers' smoke test and the simulated office. It may import every app;
nothing imports it but the entry points."""
