"""Qt item models of the Event Console (the column store they sit on is `event_console.columns`)."""
