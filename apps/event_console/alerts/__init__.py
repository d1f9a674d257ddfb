"""The supervisors' alerts: rules (`rules`), the engine that raises and clears them (`engine`),
their events on the consoles' channel (`wire`), the outbox that publishes them (`outbox`), and
the Qt parts: the Alerts panel, the rules dialog and the tray notification. No Qt in `rules`,
`engine` or `wire`; no database outside `outbox`.
"""
