"""Qt glue shared by the three apps: qasync runner, excepthook, signal adapters, status bar."""
