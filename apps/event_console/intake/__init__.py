"""The console's intake: a child process decodes and stores events, the window gets finished rows."""
