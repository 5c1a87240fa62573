<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name></name>
    <message>
        <source>Started %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data pulled from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last updated %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 records processed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 parallel processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page size up to %1 records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 records failed to write</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditCsvExporter</name>
    <message>
        <source>Cannot export to %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditEntry</name>
    <message>
        <source>&quot;%1&quot; is not a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; holds something other than text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown format version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown entry type &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no valid time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no correlation ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an outcome of unknown kind</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>The audit log has no location: the system reports no application data folder. Set a writable home folder and restart Flowdesk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the audit log. Check that the path is a folder you can write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the audit log %1: %2. Check that you can write to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the audit log %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the audit log %1: only %2 of %3 bytes were written (is the disk full?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the audit log %1 to disk: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot close the audit log %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown user</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditLogReader</name>
    <message>
        <source>Cannot read the audit log %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incomplete last line (Flowdesk may have stopped while writing it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandLineSplitter</name>
    <message>
        <source>it ends with a backslash that escapes nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the single quote at character %1 is never closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the double quote at character %1 is never closed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DisplayFormat</name>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Successful</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deprecated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On demand</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExecutionRecordCells</name>
    <message>
        <source>Execution ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes processed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk</name>
    <message>
        <source>unexpected argument &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--profile needs a profile name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--demo cannot be combined with --profile or --endpoint-url.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid AWS region name (for example eu-west-1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--endpoint-url</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::AccountDialog</name>
    <message>
        <source>Add account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. prod-ops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How Flowdesk lists this account. Letters, digits, spaces and _ . @ + -; up to 64 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access key ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AKIAIOSFODNN7EXAMPLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret access key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave empty to keep the stored secret key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown once when the key was created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session token (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for temporary keys (ASIA…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AWS region this account connects to by default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The regions where Amazon AppFlow is available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint override (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave empty to use AppFlow&apos;s own endpoint for the region. http:// is accepted only for this computer (the simulator).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Access key ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Secret access key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session &amp;token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default &amp;region:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the flows of the account with these keys, to prove they work before they are saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;without testing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For keys that cannot be tested from here yet, e.g. while the network is down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store the account: its name and key ID in Flowdesk&apos;s settings, the secret in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without storing anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret key and session token are kept in the system keychain, never in Flowdesk&apos;s settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored; enter the secret key to replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An account named “%1” already exists; choose another name, or edit that account instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the access key ID, e.g. AKIAIOSFODNN7EXAMPLE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access key IDs are written in capital letters and digits; check that it was copied exactly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An access key ID has only capital letters and digits, 16 to 128 of them (usually 20, starting with AKIA or ASIA); check that it was copied whole.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the secret access key that belongs to this access key ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new access key ID needs its secret access key: enter it too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A secret access key has no spaces; check that it was copied exactly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A session token belongs to its secret key: enter the secret access key too to replace it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AppFlow is not available in %1; choose one of the listed regions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Endpoint field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This does not look like an AWS access key ID (AKIA or ASIA and 16 more letters and digits). Check that it was copied whole; Test connection will tell.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys starting with ASIA are temporary: enter their session token as well.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test the connection first, or tick “Save without testing”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing the flows in %1 at %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: AppFlow in %1 accepted these keys (flows found: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving to the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::AllActiveRunsPane</name>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the flows whose runs could not be read, and the rest of an unfinished flow list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All active runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every run in progress or being cancelled, across all flows; select runs and press Delete to cancel them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every run in progress or being cancelled, across all flows of this connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every run in progress or being cancelled, across all flows of the %1 open connections.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>At least %n run(s) in progress or being cancelled.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n flow(s) not read (%1): their runs are missing or as last read.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The flow list of %1 is incomplete: flows on the pages not read are not here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::AuditEntryModel</name>
    <message>
        <source>cancel started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not cancellable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status checked later</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>cancel started for %n run(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) not cancellable</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) not cancelled: request failed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) checked later</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>This computer’s local time. Point at a time to see it exactly, and in UTC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile / account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request IDs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all active runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 runs: %2, …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No result recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not confirmed before Flowdesk closed; later: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivation failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flow deactivated (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No active runs to cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No outcome recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written before the cancel request was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written when the answer (or the error) came in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every run of the flow in progress at the time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The flow was also to be deactivated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The result is on its own line, with the same correlation ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No result line: the request may still be in flight, or Flowdesk stopped before the answer came in. Check the runs&apos; status in the main window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::CancelConfirmationDialog</name>
    <message>
        <source>Cancel runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;These runs belong to %1 different connections:&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;One request is sent per connection and flow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without cancelling anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel all active runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Send the cancel to AppFlow now; it cannot be undone</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Cancel all %n active run(s) in %1 flows of %2 connections?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel all %n active run(s) in %1 flows?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s) in %1 flows?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel all %n active run(s) of “%1”?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s) of “%1”?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records processed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes processed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already processed: &lt;b&gt;%1 records&lt;/b&gt;, &lt;b&gt;%2&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (some runs have not reported their counts yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Every run of the flow that is still in progress when the request reaches AWS is cancelled, including runs that start after this list was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Before you cancel&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>You are still charged for the data the %n run(s) have already processed.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Data already written to the destination stays there. Cancelling does not remove or roll back anything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 moves data in batches (Salesforce Bulk API 2.0). After you cancel, its run still finishes the whole current batch, and that batch is billed.&lt;br&gt;&lt;small&gt;%2&lt;/small&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flowdesk could not check whether %1 uses a batch API. If it does, its run finishes and bills its current batch after you cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Cancelling cannot be undone.&lt;/b&gt; A cancelled run cannot be resumed; you can only start a new run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled runs that have not started yet are not affected. Only deactivating the flow stops them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also deactivate the flow so no new scheduled runs start</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Also deactivate the %n scheduled or event flow(s) among these, so no new runs start</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To confirm, type %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the flow name to confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the words above to confirm</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::CancelOutcomeView</name>
    <message>
        <source>Cancel results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What became of each run: cancel started, not cancellable (and why), or failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel results per run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close this window; the outcome stays in Cancel History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the cancel again for the runs whose request failed, was not sent, or got no answer while the run is still in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&amp;Retry %n run(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Sending the cancel request…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS is throttling the cancel of “%1” (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cancel of “%1” failed (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1; Flowdesk sends it again in %n s (attempt %2 of %3). Nothing is cancelled for those runs until AppFlow accepts it.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) cancelled: AppFlow shows them stopped.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel started for %n run(s); watching until AppFlow shows the status Canceled (%1 so far).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) were already being cancelled.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) not cancellable (see Details).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>request ID %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) not cancelled: the request failed (%1). They go on running.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) not cancelled: no answer came back (%1) and AppFlow still shows them in progress.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s): no answer came back (%1); reading their status to find out whether the cancel started…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retry sends the cancel again for %n run(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the runs&apos; status at %1 (%2); the Status column shows the last known one. Flowdesk keeps trying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: every run whose cancel started has stopped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::CancelWorkflow</name>
    <message>
        <source>Checking the flow settings before cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The runs of %1 are not in this cancel: that connection was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent to %1: the connection was closed while the confirmation was open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was cancelled: the selected runs finished while the confirmation was open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of the selected runs finished while the confirmation was open and were not sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) cancelled</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n not — see the results window</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel finished on %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::ConnectionCatalogTree</name>
    <message>
        <source>AWS CLI profiles, Flowdesk accounts and the demo to connect with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles and accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Flowdesk accounts yet: Add account… (in Open connection) stores an access key in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS CLI profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flowdesk accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No profiles in ~/.aws/config or ~/.aws/credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in a tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens %1 in %2, as when last opened</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::ConnectionDialog</name>
    <message>
        <source>Open connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store a new access key in the system keychain as a Flowdesk account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the selected Flowdesk account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected Flowdesk account and its key from the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AWS region the connection opens in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint override (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional, e.g. http://127.0.0.1:8080 for a local simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;ndpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the chosen profile or account in the chosen region, in a new tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a profile or account to connect with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS CLI profile “%1”, with the credentials it is set up for (keys, role, IAM Identity Center or credential_process).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keys in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY of the environment Flowdesk was started in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another in-process AppFlow simulator with demo flows, in the region you choose. Nothing here touches AWS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flowdesk account “%1”; its secret key is in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as when last opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no default region is configured; %1 is used unless you choose another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default %1 (from %2) has no AppFlow; %3 is used unless you choose another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Endpoint field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the account “%1”? Its secret key and session token are deleted from the system keychain; connections open with it stay open until closed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::ConnectionFactory</name>
    <message>
        <source>No AWS credentials or profiles were found, so Flowdesk shows its built-in demo. Configure the AWS CLI (aws configure) or start Flowdesk with --profile NAME to manage real flows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This kind of connection cannot be opened from a choice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>demo credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo simulator could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set in Flowdesk&apos;s environment. Set them before starting Flowdesk, or choose a profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no Flowdesk account named “%1”. Add it in File → Open connection → Add account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account “%1” has no default region: choose one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::ConnectionPage</name>
    <message>
        <source>Demo · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>environment · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter flows by name or connector…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every flow of this connection with its status and active runs; select one to see its runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a flow to see its runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active runs only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the runs that are in progress or being cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs of the selected flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest first. Select runs in progress and press Delete to cancel them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status, times, records and bytes of the selected run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a run to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ta&amp;ble</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ti&amp;meline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The runs as rows, sortable by any column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The runs as bars in time: which overlap, which run long; the wheel zooms, a click selects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs of &lt;b&gt;%1&lt;/b&gt; could not be read (%2): shown as last read, if ever. Refresh or Retry reads them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs of &lt;b&gt;%1&lt;/b&gt;, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data pulled from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data pulled until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records processed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes processed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parallel processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max page size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed writes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::ConnectionsSidebar</name>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS CLI profiles, Flowdesk accounts and the demo; Enter opens the selected one in a new tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AWS region the connection opens in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this connection in a new tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint override, adding and editing accounts (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No default region is configured: %1 is used unless you choose another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no AppFlow: %2 is used unless you choose another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint: %1, as when last opened (More… to change it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint: %1, the account&apos;s own.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::DesktopNotifier</name>
    <message>
        <source>No session bus and no system tray</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::ErrorPresenter</name>
    <message>
        <source>Listing flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the settings of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the runs of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling runs of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting a run of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivating %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Flowdesk tried %n times and stopped.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No answer came back, so AppFlow may or may not have started the cancel: the Cancel results window reads the runs&apos; status to find out, and offers Retry if they are still running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That request cancelled nothing; the runs go on. The Cancel results window names them and has a Retry button.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The flow was not deactivated: scheduled and event runs still start. Deactivate it again from the Runs menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No run was started. Start it again from the Runs menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The confirmation says it could not check this flow&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next automatic refresh, at %1, reads it again; press F5 to try now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing retries it by itself: press F5 to try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was refused: you lack a permission.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask your AWS administrator to allow the IAM action appflow:%1 for this flow, or switch to a profile that has it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is being throttled by AWS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS limits how fast this account may call AppFlow. If it keeps happening, lower the concurrency in Preferences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: the flow no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It may have been deleted or renamed. Refresh the flow list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was not accepted as written; check the flow name and the selected runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An error inside AWS. Try again in a minute; if it persists, give AWS Support the request ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The flow is being changed by someone else. Refresh and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This flow does not support it (for example, on-demand flows cannot be deactivated).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An AppFlow quota of this account is used up; see Service Quotas in the AWS console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: no usable AWS credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the connection&apos;s profile or account (see the message above).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: could not reach %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check your network, VPN or proxy settings, and the endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2 did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network or the service is slow. The timeout can be raised in Preferences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered something Flowdesk does not understand. Check that the endpoint really is AppFlow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connector (source or destination) reported a problem; check its connection in the AppFlow console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS rejected the credentials or their signature. Check the access key, the secret and your computer&apos;s clock.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::FlowdeskOptions</name>
    <message>
        <source>Print the version and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the built-in AppFlow simulator (no AWS account needed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this AWS CLI profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this AWS region (e.g. eu-west-1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REGION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send AppFlow requests to this URL (http:// only to loopback).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the time from start to the first populated flow list (benchmarks).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administer Amazon AppFlow flows and their runs.

Without options Flowdesk connects with your AWS CLI configuration (AWS_PROFILE, ~/.aws/config, ~/.aws/credentials, environment variables); when none is found it opens the built-in demo simulator.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::HistoryWindow</name>
    <message>
        <source>Cancel History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Flow:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the cancels of one flow only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the cancels of flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the audit log file again (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the entries shown (all columns, oldest first) as a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel history entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n damaged line(s) skipped (line(s) %1). Every other line was read.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The cancel history cannot be shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the file is readable by you, then press Reload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cancels recorded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every cancel you confirm in Flowdesk is written here before its request is sent, and again with its result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) loaded.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing %1 of %n entry(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export Cancel History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another folder or file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::MainWindow</name>
    <message>
        <source>Flowdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One tab per open connection, and All active runs across them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All active runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1+</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All active runs (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free disk space or fix the permissions of %1, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open another AWS profile, account or region in a new tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read flows and runs again from AppFlow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the refresh in progress; what was read so far stays, marked as partial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel selected runs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the runs selected in the table, after a confirmation that says what cancelling costs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel all active runs of this flow…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel every run of the selected flow that is in progress now, after a confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel every active run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deactivate flow…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop new scheduled or event runs of this flow (StopFlow); runs in progress go on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a run of this on-demand flow now (StartFlow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel &amp;history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every cancel Flowdesk sent, from the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Flowdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Flowdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Flowdesk %1&lt;/b&gt;&lt;p&gt;Administer Amazon AppFlow flows and their runs.&lt;/p&gt;&lt;p&gt;Qt %2, %3 build.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> DEMO </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to Flowdesk&apos;s built-in AppFlow simulator: nothing here touches AWS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh stopped — showing data from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh stopped — nothing has been loaded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press F5 to refresh again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 flows (%3 not read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n cancel(s) from %1 were not confirmed before Flowdesk closed.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Their runs now: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What AppFlow shows now is recorded in Cancel history. A run still in progress was not cancelled: cancel it again if needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier cancels of %1 were not confirmed before Flowdesk closed, and their runs could not be read now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flowdesk checks them again at the next start; Cancel history lists them as “No result recorded”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some of it could not be written to the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be closed yet: a cancel is still being sent there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close it again once the cancel window says every request has answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close %1? Its cancel result window closes with it; what was cancelled stays in Cancel History.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connections sidebar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening connections is not available in this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flowdesk could not open the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix what is named above, then open the connection again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flows and runs of %1 (%2 closes it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every run in progress or being cancelled, in every open connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh flow list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected — File → Open connection… (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flowdesk — Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flowdesk — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s): %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Flowdesk — %n connection(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Listing flows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for %1… (%2 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the flow list is incomplete (%1); flows on the pages not read are missing or as last listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>runs of “%1” not read (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last complete refresh %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh stopped — showing data from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh stopped — not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flow list incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n flow(s) not read</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Partly refreshed %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not refreshed — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refreshed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partly refreshed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not refreshed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting credentials for %1 failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix what is named above, then press F5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate “%1” in %2?

No new scheduled or event runs will start until the flow is activated again. Runs already in progress continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is now %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started run %1 of “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flowdesk cannot close yet: a cancel is still being sent to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::MessageBar</name>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the request ID (AWS Support asks for it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request ID: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::MfaPromptDialog</name>
    <message>
        <source>MFA code for profile %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &lt;b&gt;%1&lt;/b&gt; assumes a role that requires multi-factor authentication. Enter the 6-digit code your MFA device shows now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Six-digit MFA code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>123456</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MFA device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the code to AWS to get temporary credentials for the role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not connect; nothing is sent to AWS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the 6-digit code from your MFA device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MFA codes have 6 digits; this one has %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply these preferences and close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without changing anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put Flowdesk&apos;s default values in every field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refreshing and requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-refresh interval in seconds, 0 for off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While any run is in progress, its flow&apos;s runs are refreshed this often. 0 turns it off: press F5 to refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request timeout in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A request that has not been answered in this time fails with a timeout (and is retried when that is safe).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum requests at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many requests Flowdesk sends to AppFlow at once. Lower it if AppFlow answers with throttling errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Auto-refresh active runs every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request &amp;timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Concurrent requests:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask to t&amp;ype the flow name before cancelling all runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Cancel all active runs” then needs the flow name typed in the confirmation, so it cannot happen with one stray click or keypress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the &amp;system proxy settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the proxy settings of the system and the environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this &amp;HTTP proxy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send requests through the HTTP proxy given below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port of the HTTP proxy, 1 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>H&amp;ost:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections to this computer (demo mode) never use a proxy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the proxy’s host name or IP address, or use the system settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter only the host name, without “http://” (the port has its own field).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A host name cannot contain spaces or “/”: enter only the host name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the proxy’s port, from 1 to 65535 (often 3128 or 8080).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::TimelineView</name>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each run as a bar from its start to its end or now, coloured by status. Up and Down select runs, + and - zoom, Home shows everything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No runs to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>still going</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last updated %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::aws</name>
    <message>
        <source>[services %1] %2 endpoint_url of profile &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>endpoint_url of profile &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::AssumeRoleCredentialSource</name>
    <message>
        <source>profile %1 (role %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assuming role %1 for profile &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duration_seconds of profile &apos;%1&apos; is %2; STS accepts 900 to 43200 seconds (and at most the role&apos;s maximum session duration).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not possible: no network access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: the source credentials (%2) are not usable: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs an MFA code (mfa_serial %2), but Flowdesk has no way to ask for one here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was cancelled: no MFA code was entered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: the MFA code must be the 6 digits your device shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer within %1 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: could not reach STS at %2 (%3). Check the network connection and the STS endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Check the role&apos;s trust policy, external_id and MFA settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> The source credentials were rejected; check them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> The source credentials have expired; refresh them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: STS answered %2: %3.%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: STS answered HTTP %2 with a body that is not an STS error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: STS answered with XML that cannot be read (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: STS&apos;s answer lacks the credentials (AccessKeyId, SecretAccessKey, SessionToken, Expiration).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::AwsIniFile</name>
    <message>
        <source>%1, line %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the section header has no closing &apos;]&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected text after the section header&apos;s &apos;]&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the section header has no name (&apos;[]&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;[%1 …]&apos; needs exactly one name after &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a setting appears before the first [section] header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;key = value&apos; inside the indented settings of &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an indented line does not follow a setting it could belong to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;key = value&apos;, a [section] header or a comment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the setting has no name before &apos;=&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (it is a link to %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%2 is %3, not a regular file. Flowdesk reads AWS settings only from regular files; replace it with one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2 MiB; Flowdesk reads AWS config and credentials files of at most %3 MiB. Check that it is the right file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a socket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2. Check the file&apos;s permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed while Flowdesk opened it; it is not a regular file now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::ConnectionResolver</name>
    <message>
        <source>The AWS configuration cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AWS profile &apos;%1&apos; does not exist in %2 or %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::CredentialChain</name>
    <message>
        <source>AWS credential chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>explicit credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>explicit credentials (none given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>environment variables (AWS_ACCESS_KEY_ID is not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AWS configuration cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AWS profile &apos;%1&apos; does not exist in %2 or %3. Available profiles: %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile &apos;default&apos; (not in %1 or %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile &apos;%1&apos; (no aws_access_key_id, credential_process, role_arn or sso_* settings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No AWS credentials found. Tried: %1. Add an account in Flowdesk, run `aws configure`, or set AWS_PROFILE to a profile with credentials.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::EndpointResolver</name>
    <message>
        <source>The endpoint &quot;%1&quot; (from %2) is not a valid URL; use e.g. https://appflow.eu-west-1.amazonaws.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint &quot;%1&quot; (from %2) contains a user name or password; remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refusing the endpoint &quot;%1&quot; (from %2): plain http:// would send signed requests unencrypted over the network. Use https://, or http:// only to a loopback address such as 127.0.0.1 or localhost (the simulator).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint &quot;%1&quot; (from %2) must start with https:// (or http:// for a loopback address).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it does not start with https:// and a host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it names no host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its port &quot;%1&quot; is not a number from 1 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a valid URL (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint &quot;%1&quot; (from %2) cannot be used: %3. Use e.g. https://appflow.eu-west-1.amazonaws.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the chosen endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both a custom %1 endpoint (%2) and FIPS endpoints (use_fips_endpoint / AWS_USE_FIPS_ENDPOINT) are configured; they cannot be combined. Remove one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No AWS region is set for the %1 endpoint %2; requests are signed for a region. Choose one or set AWS_REGION.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No AWS region is set, so there is no %1 endpoint to use. Choose a region, set AWS_REGION, or add region to the profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AppFlow has no FIPS endpoint in %1 (it has them in us-east-1, us-east-2, us-west-1, us-west-2 and GovCloud). Choose one of those regions or turn off use_fips_endpoint / AWS_USE_FIPS_ENDPOINT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default FIPS endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default endpoint</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::EnvironmentCredentialSource</name>
    <message>
        <source>AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not. Set both, or unset both to use a profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not. Set both, or unset both to use a profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 time (&quot;%1&quot;); use e.g. 2030-01-31T12:00:00Z or unset it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credentials in the environment expired at %1 (AWS_CREDENTIAL_EXPIRATION). Set fresh ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>environment variables</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::KeychainJob</name>
    <message>
        <source>No keychain service is available to store secrets (%1). On Linux, Flowdesk needs a Secret Service provider such as gnome-keyring or KWallet running in your session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain refused access to &quot;%1&quot; (%2). Unlock your keyring and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain failed for &quot;%1&quot;: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flowdesk keeps secrets in the system keychain: it needs a Secret Service provider such as gnome-keyring or KWallet running and unlocked in your desktop session.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::MissingAccountSource</name>
    <message>
        <source>There is no stored account &apos;%1&apos;. Add it under Accounts, or choose another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::ProcessCredentialSource</name>
    <message>
        <source>credential_process of profile %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credential_process of profile &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 (%2) cannot be run: %3. Fix its quoting; the AWS CLI reads this setting the same way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 is empty. Set it to the command that prints credentials, or remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 (%2) did not finish within %3 seconds and was stopped. Check that it does not wait for input (such as a browser login or a prompt) and run it in a terminal to see what it does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 could not be started: &quot;%2&quot;: %3. Check the command and that the program is installed and executable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>crashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed with exit code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 (%2) %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> It printed nothing on standard error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Its error output:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 (%2) printed more than %3 MiB on standard output and was stopped. The credentials JSON is far smaller: check that the command prints only that JSON (run it in a terminal to see what it prints).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 printed nothing. It must print a JSON object with Version 1, AccessKeyId and SecretAccessKey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 printed something that is not a JSON object (%2 at offset %3). It must print only the credentials JSON (Version 1, AccessKeyId, SecretAccessKey, SessionToken, Expiration) on standard output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 printed JSON without &quot;Version&quot;: 1 (the only version of the credential_process format).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 printed JSON without %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 printed an Expiration that is not an ISO 8601 time (&quot;%2&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 printed credentials that already expired at %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::ProfileCredentialSource</name>
    <message>
        <source>Profile &apos;%1&apos; has aws_secret_access_key but no aws_access_key_id (in %2). Add the access key ID, e.g. with `aws configure --profile %1`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; has aws_access_key_id but no aws_secret_access_key (in %2). Add the secret key, e.g. with `aws configure --profile %1`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::ProfileSourceBuilder</name>
    <message>
        <source>Profiles %1 refer to each other through source_profile in a loop. Point one of them at a profile with its own credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; (%2) has both source_profile and credential_source; keep only one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; uses web_identity_token_file, which Flowdesk does not support. Use a profile with source_profile, SSO or keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; (%2) has role_arn but neither source_profile nor credential_source, so there are no credentials to assume the role with. Add source_profile = &lt;profile with keys&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credential_source = %1 in profile &apos;%2&apos; is not supported by Flowdesk (only Environment is); use source_profile instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; takes its source credentials from the environment (credential_source = Environment), but AWS_ACCESS_KEY_ID is not set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; names itself as source_profile but has no usable keys: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; has source_profile = %2, but there is no profile &apos;%2&apos; in %3 or %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; (the source_profile of &apos;%2&apos;) has no credentials (no keys, role_arn, SSO settings or credential_process).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duration_seconds of profile &apos;%1&apos; is not a number of seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; uses sso_session = %2, but %3 has no [sso-session %2] section. Run `aws configure sso`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The [sso-session %1] section in %2 lacks %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; is set up for IAM Identity Center but lacks %2. Run `aws configure sso --profile %1`.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::RegionResolver</name>
    <message>
        <source>chosen region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No AWS region is set. Choose one in Flowdesk, set AWS_REGION, or add &quot;region = us-east-1&quot; (for example) to profile &apos;%1&apos; in ~/.aws/config.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No AWS region is set. Choose one in Flowdesk or set AWS_REGION.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; (from %2) is not a valid AWS region name such as &quot;eu-west-1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::SsoCredentialSource</name>
    <message>
        <source>profile %1 (IAM Identity Center, account %2, role %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run `aws sso login --profile %1`, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no IAM Identity Center login for profile &apos;%1&apos; (no token in %2). %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the IAM Identity Center token %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The IAM Identity Center token file %1 is damaged or incomplete. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The IAM Identity Center login for profile &apos;%1&apos; has expired%2. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (at %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IAM Identity Center is not reachable: no network access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach IAM Identity Center at %1 (%2). Check the network connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IAM Identity Center rejected the login of profile &apos;%1&apos; (HTTP %2: %3). %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IAM Identity Center could not give credentials for account %1, role %2 (HTTP %3%4). Check sso_account_id and sso_role_name of profile &apos;%5&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IAM Identity Center answered without usable role credentials (accessKeyId, secretAccessKey, sessionToken, expiration).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::StoredAccountCredentialSource</name>
    <message>
        <source>The keychain could not give the secret key of account &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret access key of account &apos;%1&apos; is not in the keychain (it may have been deleted there). Edit the account and enter the key again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::StoredAccounts</name>
    <message>
        <source>Give the account a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot name an account: use up to 64 letters, digits, spaces and _ . @ + -, starting with a letter or digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access key ID should be 16 or more capital letters and digits, like AKIAIOSFODNN7EXAMPLE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a region name such as eu-west-1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no stored account &apos;%1&apos; to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An account named &apos;%1&apos; already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the secret access key of account &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret access key cannot be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account &apos;%1&apos; was not saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account &apos;%1&apos; has no secret key in the keychain to move; enter it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no stored account &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account &apos;%1&apos; was not removed: its secrets could not be deleted from the keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::models::ActiveRunsModel</name>
    <message>
        <source>Flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::models::CancelController</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> (after %n attempt(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1%2. The request may or may not have reached AppFlow; reading the run&apos;s status to find out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%2. This request cancelled nothing; the run goes on unless the cancel is sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: the audit log could not record it. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cancel was sent, but its result could not be added to the audit log. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The flow deactivation was sent, but its result could not be added to the audit log. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::models::CancelOutcomeModel</name>
    <message>
        <source>AppFlow did not accept the cancel; reading the run&apos;s status to say why…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AppFlow shows it as %1: most likely an earlier attempt of this request reached AppFlow, and its answer was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It was already being cancelled before this request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AppFlow does not list this run for this flow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer came back (%1), but AppFlow shows the run cancelling: the cancel started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer came back (%1) and AppFlow still shows the run in progress: the cancel did not take effect. Retry sends it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer came back (%1); the run has ended (%2) without being cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer came back (%1), and AppFlow does not list this run for this flow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already finished successfully.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already being cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AppFlow would not cancel it although it shows it in progress (it may not have started processing yet); try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AppFlow does not know this run as in progress (not started, or not a run of this flow).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not cancellable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not read since before the cancel was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read from AppFlow at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last read at %1, before AppFlow answered: it may have changed since.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (last known, %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (last known)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Request ID: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::models::CancelReconciler</name>
    <message numerus="yes">
        <source>which runs were in progress when it was sent is not recorded; %n run(s) of the flow are in progress now</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::models::ConnectionCatalog</name>
    <message>
        <source>The AWS CLI configuration cannot be read, so its profiles are not listed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the demo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::models::ConnectionInfo</name>
    <message>
        <source>profile %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>environment credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>explicit credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>demo simulator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::models::FlowListModel</name>
    <message>
        <source>?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created %1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated %1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag %1 = %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source: %1
Destination: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not known: the runs of this flow could not be read (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 when last read; the latest read failed (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source → destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active runs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::models::RefreshController</name>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flowdesk::sim::Simulator</name>
    <message>
        <source>No secret access key is configured: set one (tests generate one) so requests can be verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The simulator is already listening on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen on %1 port %2: the address is not local or the port is in use.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Flowdesk could not connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the AWS configuration named above, or start Flowdesk with --demo to try the built-in simulator.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
