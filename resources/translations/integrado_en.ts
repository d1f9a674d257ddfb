<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of the calls closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>median · p90 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at the end of the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No calls in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First action (median)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First action (p90)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution (median)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution (p90)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operations report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily operations report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly operations report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times in office hours (%1 calendar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times around the clock (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generated %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls by operator</source>
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
        <source>SLA missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls by day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls by category</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <name>AlertNotifier</name>
    <message>
        <source>Integrado — alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} alerts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertRulesDialog</name>
    <message>
        <source>Alert rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Beep when an alert is raised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These rules apply to this console; the settings file gives the office&apos;s defaults.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <source>Call {subject}: SLA breached {value} min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call {subject}: SLA due in {value} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call {subject}: unassigned for {value} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} calls waiting for a first action (more than {threshold})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events missing or rejected: {subject}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost for {value} s ({subject})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{subject}: no activity for {value} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>raised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snoozed on this console until {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA breached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA due within N minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call unassigned for N minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls waiting above N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A gap or a rejected event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost for N seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator idle for N minutes during the shift</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze 15 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NEW</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snoozed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>over</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditTrailModel</name>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
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
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallController</name>
    <message>
        <source>Loading calls…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsent draft restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the newest calls are shown: the rest could not be read.</source>
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
        <source>Assigned operator</source>
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
        <source>History of the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter adds the note to the call.</source>
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
        <source>You may not do this: only a supervisor may delete calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may not do this: only a supervisor may restore deleted calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may not do this: only a supervisor may reopen a closed call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may not do this: only a supervisor may give a call that is not yours to another operator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may not do this: only the operator the call is assigned to, or a supervisor, may change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may not do this: only a supervisor may change the SLA settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may not do this: your role does not allow it. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your access was removed: this login may no longer use the calls database. Nothing was saved and what you typed is kept. Ask the office&apos;s administrator.</source>
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
        <source>The disk is full: the call was not saved. Free some space and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: the calls database is read-only (its file or folder cannot be written). Nothing was written and what you typed is kept; tell the office&apos;s administrator.</source>
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
        <source>Earlier calls from this caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Enter on a call to open it.</source>
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
        <source>Register the call (Ctrl+Enter anywhere in the form, Enter in its last fields)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calle&amp;r</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cha&amp;nnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
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
        <source>Search calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller, phone, subject or #number; Ctrl+F comes back here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search caller, phone, subject, #number  (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which calls to list, by status</source>
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
        <source>Which calls to list, by priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which calls to list, by assigned operator</source>
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
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One row per call; Enter opens it in the detail pane.</source>
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
        <source>Register the call (in the form) / add the note / close the call (in its dialog)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the form: next field; in its last fields (category to impact): register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next / previous field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the list: go to the call&apos;s fields below</source>
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
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call #%1 (%2) has changes that are not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save them before leaving the call?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 call(s) changed by others: shown when the pointer leaves the list</source>
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
    <message>
        <source>The new login cannot open the calls database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading calls…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No calls yet.
Press Ctrl+N or “New call” to register the first one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No call matches the search and the filters above.</source>
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
        <source>Loading charts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not drawn yet</source>
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
        <source>No events in the last {0} minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} events in the last {1} minutes ({2}); {3} in the latest minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}; and {1} other types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No latency measured in the last {0} minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency (ms): median {0:.1f}, p95 {1:.1f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Median {0} ms, p95 {1} ms in the last {2} minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last {0} hours: {1} opened, {2} closed; latest hour: {3} opened, {4} closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last {0} hours: {1} completed; latest hour: {2}</source>
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
        <source>History disk full: %n event(s) waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History read-only: %n event(s) waiting</source>
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
    <message>
        <source>Too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not UTF-8 text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nested too deeply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A number that is not finite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key given twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden control characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown envelope version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a valid event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent on the other app&apos;s channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid, but the history cannot store it (a value out of range)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The console stores no events until its history can be written again (free some space, or restore write access); it then catches up by itself, losing nothing.</source>
        <translation type="unfinished"></translation>
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
    <name>ConsoleController</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
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
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One row per event; Enter goes to the event&apos;s details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next / previous control (the arrows move in the table)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the table: go to the event&apos;s details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the event&apos;s details: read it line by line</source>
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
        <source>History from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History to</source>
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
        <source>Search events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search summary, type, entity, operator…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entity filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press to stop filtering by this entity</source>
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
        <source>Event fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each field&apos;s name, then its value; the arrow keys read them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correlation id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequence number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected messages by reason</source>
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
        <source>Show the JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event exactly as it arrived</source>
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
        <source>Resumed: the table shows the events again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Following the newest event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not following the newest event: the rows you read stay put</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View cleared; the history stays in the database</source>
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
        <source>History of {0}…</source>
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
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: events are received and stored, not shown</source>
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
    <message>
        <source>Loading the event history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No event matches the filters above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No events yet.
Events appear here as CallSystem and TaskManager record them; the status bar says whether the console is connected.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsoleWording</name>
    <message>
        <source>Call opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call status changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note on a call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call reopened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task reopened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert raised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reopened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>raised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>urgency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call #{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task #{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(legacy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occurred (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type (code)</source>
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
        <source>Latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>caught up {0} events from the streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>catching up: {0} events read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>catching up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the intake process stopped (exit status {0}); restarting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}; restarting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot store events: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1} event(s) missing, seq {2}–{3} (no longer in {4})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: the stream was reset (server data lost); earlier events may be missing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntityHistoryDialog</name>
    <message>
        <source>History of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · source %2 · origin %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export audit trail…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write every event of this entity, with who, when, what and the changes, to CSV or JSON Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message>
        <source> · by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Audit trail written: %n event(s) to %1</source>
        <translation>
            <numerusform>Audit trail written: %n event to %1</numerusform>
            <numerusform>Audit trail written: %n events to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit trail was not written: %1</source>
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
        <source>Export audit trail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <source>legacy</source>
        <translation type="unfinished"></translation>
    </message>
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
        <source>Type (code)</source>
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
    <name>OperatorTableModel</name>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computer</source>
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
    <name>ReportDialog</name>
    <message>
        <source>Operations report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last week (Monday to Sunday)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This week so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF with charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV for a spreadsheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last day is before the first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read %1 events…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportJob</name>
    <message>
        <source>Report cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportPresenter</name>
    <message>
        <source>&amp;Report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The office calendar in the settings is wrong: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be written: %1</source>
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
    <message>
        <source>Close the call with this resolution (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was done… (Ctrl+Enter closes the call)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsProblemDialog</name>
    <message>
        <source>%1 cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot start: a setting is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct it, then start %1 again.</source>
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
    <name>SignIn</name>
    <message>
        <source>Enter your user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A user name has at most 63 bytes and no control characters (tabs, line breaks).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong user name or password, or the password has expired (the server does not say which). Check Caps Lock and try again; if it keeps failing, ask a supervisor to reset your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account is locked: it may not sign in. Ask a supervisor to enable it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not accept this user from this PC. Ask the administrator (pg_hba.conf).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database server does not answer. Check the network, or try again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database server is starting, stopping or full. Try again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database named in the settings does not exist on the server. Ask the administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not sign in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;witch user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out and sign in as someone else, without closing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with your own database login to work on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember on this PC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the password in this PC&apos;s keyring (never in a file) and sign in without asking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StorageRecoveryDialog</name>
    <message>
        <source>Database problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the configured database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file %1 is damaged and cannot be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 is not a database and cannot be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk that holds %1 is full: the program cannot start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database %1 is read-only (its file or folder cannot be written).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database %1 cannot be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move it aside to start with an empty database: the file is kept, renamed to “%1.corrupt-&lt;date and time&gt;”, for a backup or a specialist. Or quit and have a backup restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move aside and start fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free some space on that disk, then start the program again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell the office&apos;s administrator, then start the program again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SuiteWindows</name>
    <message>
        <source>&amp;Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SupervisorDesk</name>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Wallboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Alerts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskController</name>
    <message>
        <source>The change was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
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
        <source>Used only when “Due on” is checked.</source>
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
        <source>Select a task to see and change its priority, due date and notes.</source>
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
        <source>You may not do this: only a supervisor may remove a task that has subtasks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may not do this: your role does not allow it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your access was removed: this login may no longer use the tasks database. Nothing was saved and what you typed is kept. Ask the office&apos;s administrator.</source>
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
        <source>The disk is full: the task was not saved. Free some space and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: the tasks database is read-only (its file or folder cannot be written). Nothing was written and what you typed is kept; tell the office&apos;s administrator.</source>
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
        <source>Search tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Titles and notes; Ctrl+F comes back here.</source>
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
        <source>New task (Insert, Ctrl+N)</source>
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
        <source>Remove… (Del)</source>
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
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
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
        <source>Ask before completing a task with open subtasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the list: indent / outdent the task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the list: go to the next / previous control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elsewhere: next / previous control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the search field: go to the matches / empty the search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task “%1” completed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task “%1” reopened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task “%1” moved to the top level.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task “%1” moved under “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task “%1” moved up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task “%1” moved down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete “%1” and its %2 open subtasks?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Don&apos;t ask again</source>
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
        <source>%1 change(s) by others waiting: shown when the pointer leaves the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 matches, %2 inside collapsed tasks</source>
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
    <message>
        <source>The new login cannot open the tasks database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading tasks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No task matches the search and the view chosen above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tasks yet.
Press Ctrl+N or “New task” to add the first one; Insert adds another.</source>
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
        <source>%1, done</source>
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
<context>
    <name>TaskTreeView</name>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks and their subtasks; Space completes or reopens the current task; Tab and Shift+Tab indent and outdent it; Ctrl+Tab and Ctrl+Shift+Tab leave the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab / Shift+Tab: indent / outdent the task. Ctrl+Tab / Ctrl+Shift+Tab: next / previous control.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TitleDelegate</name>
    <message>
        <source>Task title</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Wallboard</name>
    <message>
        <source>Waiting for a first action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over SLA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due within 30 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks overdue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WallboardWindow</name>
    <message>
        <source>Integrado — Wallboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operations now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the history: {0:n} events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yesterday by now: {0:n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0:n} open calls · {1:n} events · updated {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>amber ≥ {0} min · red ≥ {1} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>amber ≥ {0} · red ≥ {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No alerts need attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(+{0} more)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
