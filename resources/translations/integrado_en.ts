<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <source>(invalid URL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integrado call-center suite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database (%1):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runtime:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>event history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallController</name>
    <message>
        <source>Unsent draft restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List reloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call #%1 registered for %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call #%1 saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call #%1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call #%1 closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call #%1 reopened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call #%1 assigned to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call #%1 assigned to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call #%1 unassigned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note added to call #%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete call #%1 (%2)? You can undo this from the status bar or with Ctrl+Z.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo delete #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call #%1 deleted. Ctrl+Z undoes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call #%1 restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed this call at %2 while you were editing. Saving now will be refused; reload to see their version.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallDetailPane</name>
    <message>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait on caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the edited fields (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a note… (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a call, or press Ctrl+N to register one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unassigned)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (due %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call registered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopened: %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed. Resolution: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallError</name>
    <message>
        <source>Not saved: {user} changed call #{id} at {time}, after you opened it. Reload to see the current version, then apply your change again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: another operator changed call #{id} after you opened it. Reload to see the current version, then apply your change again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A call cannot go from {old} to {new}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call #{id} no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: the calls database cannot be reached. Nothing was written and what you typed is kept; try again in a moment. If this goes on, tell the office&apos;s administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The calls database cannot be reached: the list may be out of date until it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} is too long ({length} characters, at most {limit}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} contains control or invisible formatting characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} may only contain digits, spaces and ( ) + - . /</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} must have between {min} and {max} digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} must be Low, Medium or High.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a known channel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This change cannot be sent as an event ({reason}); nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallForm</name>
    <message>
        <source>Who is calling?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(51) 99999-0000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One line: what is the problem?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details, error messages, what was tried…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register the call (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ca&amp;tegory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hannel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Urgency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 · %2 · %3 · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Repeat caller: %n open call(s)</source>
        <translation>
            <numerusform>Repeat caller: %n open call</numerusform>
            <numerusform>Repeat caller: %n open calls</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallMainWindow</name>
    <message>
        <source>CallSystem — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search caller, phone, subject, #number  (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted (bin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only calls assigned to me (Ctrl+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a new call (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the &amp;list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ne&amp;xt call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;My calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tart (in progress)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Wait on caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close call…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Assign to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete call…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register the call (in the form) / add the note (in the note box)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next / previous field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the search box: go to the results / empty the search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move in the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes by other operators appear as they happen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live updates paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis is unreachable: the list checks the database for other operators&apos; changes every few seconds.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallSystem</name>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting on caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1d %2h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>breached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdue %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallTableModel</name>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartsPanel</name>
    <message>
        <source>Events per minute, by source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events by type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency (ms): median and p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open calls by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls opened vs closed per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks completed per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency (ms): median {0:.1f}, p95 {1:.1f}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catching up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis refuses writes: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error, retrying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published by the office server</source>
        <translation>Published by the office server</translation>
    </message>
    <message numerus="yes">
        <source>%n dead letter(s)</source>
        <translation>
            <numerusform>%n dead letter</numerusform>
            <numerusform>%n dead letters</numerusform>
        </translation>
    </message>
    <message>
        <source>Events that could not be sent. List them with &apos;integrado outbox list-dead&apos;; send them again with &apos;integrado outbox requeue&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>events queued on the server: %n</source>
        <translation>
            <numerusform>events queued on the server: %n</numerusform>
            <numerusform>events queued on the server: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n queued</numerusform>
            <numerusform>%n queued</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integrado — Event Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the table (events are still received and stored)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow newest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the newest event in sight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty the table; the history stays in the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View as JSON Lines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selection as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selection as JSON Lines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All operators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 5 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 15 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search summary, type, entity, operator…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to stop filtering by this entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an event to see all of it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest rejected messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected (0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No gaps: every event is accounted for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} · origin {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gap detected: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} shown · {1} loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entity: {0} ✕</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this type: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this operator: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this entity: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save filter preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event {0} is not in the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The range ends before it starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the newest {0} of {1} events in this range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the history: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An export is already running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported {0} events to {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occurred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>legacy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExceptHook</name>
    <message>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The error was logged. Your saved work is safe.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportJob</name>
    <message>
        <source>Export cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>Integrado cannot open its database</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RejectionCountModel</name>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest detail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResolutionDialog</name>
    <message>
        <source>Close call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How was %1 resolved?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskController</name>
    <message>
        <source>The change was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskDetailPane</name>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes: who to call, what was agreed, links to tickets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No task selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-level task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v of %m subtasks done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskError</name>
    <message>
        <source>Not saved: the tasks database cannot be reached. Nothing was written and what you typed is kept; try again in a moment. If this goes on, tell the office&apos;s administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tasks database cannot be reached: the tree may be out of date until it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A task needs a title.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A title can have at most {limit} characters (this one has {length}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The title contains control or text-direction characters; please retype it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes can have at most {limit} characters (these have {length}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The notes contain control or text-direction characters; please retype them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown priority {priority}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task #{id} no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A subtask cannot be due after its parent: the parent is due on {date}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A subtask of this task is due later, on {date}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A task cannot be moved into itself or one of its own subtasks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This task (or a subtask) is due after {date}, the new parent&apos;s due date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task #{id} already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This task has {count} open subtask(s). Complete them first (the parent rule is set to block completing a parent with open subtasks).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task #{id} is not below task #{top}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{title}” was changed by someone else meanwhile; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{title}” was removed (perhaps by someone else) and cannot be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task #{id} does not exist (perhaps removed by someone else).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{title}” was changed by someone else since it was shown; nothing was saved. The tree now shows the latest state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The due date is not a date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These tasks can no longer be restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These tasks are no longer removed; nothing was restored.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskMainWindow</name>
    <message>
        <source>TaskManager — Integrado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search titles and notes (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actionable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks not done yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open tasks with no open subtasks: what can be done now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New subtask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete / reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make it a subtask of the task above (Tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outdent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move it up one level (Shift+Tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When subtasks are done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the parent to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete the parent automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block completing a parent with open subtasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove “%1” and its subtasks? %2 tasks will be removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 match shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 matches shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can undo this with Ctrl+Z.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tasks · %2 open · %3 done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskTreeModel</name>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2 · %3%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
