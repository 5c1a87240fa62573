<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>flowdesk::AllActiveRunsPane</name>
    <message numerus="yes">
        <source>At least %n run(s) in progress or being cancelled.</source>
        <translation>
            <numerusform>At least %n run in progress or being cancelled.</numerusform>
            <numerusform>At least %n runs in progress or being cancelled.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n flow(s) not read (%1): their runs are missing or as last read.</source>
        <translation>
            <numerusform>%n flow not read (%1): its runs are missing or as last read.</numerusform>
            <numerusform>%n flows not read (%1): their runs are missing or as last read.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::AuditEntryModel</name>
    <message numerus="yes">
        <source>cancel started for %n run(s)</source>
        <translation>
            <numerusform>cancel started for %n run</numerusform>
            <numerusform>cancel started for %n runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) not cancellable</source>
        <translation>
            <numerusform>%n run not cancellable</numerusform>
            <numerusform>%n runs not cancellable</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) not cancelled: request failed</source>
        <translation>
            <numerusform>%n run not cancelled: request failed</numerusform>
            <numerusform>%n runs not cancelled: request failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) checked later</source>
        <translation>
            <numerusform>%n run checked later</numerusform>
            <numerusform>%n runs checked later</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::CancelConfirmationDialog</name>
    <message numerus="yes">
        <source>You are still charged for the data the %n run(s) have already processed.</source>
        <translation>
            <numerusform>You are still charged for the data this run has already processed.</numerusform>
            <numerusform>You are still charged for the data these %n runs have already processed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s)</source>
        <translation>
            <numerusform>Cancel %n run</numerusform>
            <numerusform>Cancel %n runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel all %n active run(s) in %1 flows?</source>
        <translation>
            <numerusform>Cancel the %n active run in %1 flows?</numerusform>
            <numerusform>Cancel all %n active runs in %1 flows?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel all %n active run(s) in %1 flows of %2 connections?</source>
        <translation>
            <numerusform>Cancel the %n active run in %1 flows of %2 connections?</numerusform>
            <numerusform>Cancel all %n active runs in %1 flows of %2 connections?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Also deactivate the %n scheduled or event flow(s) among these, so no new runs start</source>
        <translation>
            <numerusform>Also deactivate the %n scheduled or event flow among these, so no new runs start</numerusform>
            <numerusform>Also deactivate the %n scheduled or event flows among these, so no new runs start</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s) in %1 flows?</source>
        <translation>
            <numerusform>Cancel %n run in %1 flows?</numerusform>
            <numerusform>Cancel %n runs in %1 flows?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel all %n active run(s) of “%1”?</source>
        <translation>
            <numerusform>Cancel the %n active run of “%1”?</numerusform>
            <numerusform>Cancel all %n active runs of “%1”?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s) of “%1”?</source>
        <translation>
            <numerusform>Cancel %n run of “%1”?</numerusform>
            <numerusform>Cancel %n runs of “%1”?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• %1: %n run(s)</source>
        <translation>
            <numerusform>• %1: %n run</numerusform>
            <numerusform>• %1: %n runs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::CancelOutcomeView</name>
    <message numerus="yes">
        <source>&amp;Retry %n run(s)</source>
        <translation>
            <numerusform>&amp;Retry %n run</numerusform>
            <numerusform>&amp;Retry %n runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1; Flowdesk sends it again in %n s (attempt %2 of %3). Nothing is cancelled for those runs until AppFlow accepts it.</source>
        <translation>
            <numerusform>%1; Flowdesk sends it again in %n s (attempt %2 of %3). Nothing is cancelled for those runs until AppFlow accepts it.</numerusform>
            <numerusform>%1; Flowdesk sends it again in %n s (attempt %2 of %3). Nothing is cancelled for those runs until AppFlow accepts it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) cancelled: AppFlow shows them stopped.</source>
        <translation>
            <numerusform>%n run cancelled: AppFlow shows it stopped.</numerusform>
            <numerusform>%n runs cancelled: AppFlow shows them stopped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel started for %n run(s); watching until AppFlow shows the status Canceled (%1 so far).</source>
        <translation>
            <numerusform>Cancel started for %n run; watching until AppFlow shows the status Canceled (%1 so far).</numerusform>
            <numerusform>Cancel started for %n runs; watching until AppFlow shows the status Canceled (%1 so far).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) were already being cancelled.</source>
        <translation>
            <numerusform>%n run was already being cancelled.</numerusform>
            <numerusform>%n runs were already being cancelled.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) not cancellable (see Details).</source>
        <translation>
            <numerusform>%n run not cancellable (see Details).</numerusform>
            <numerusform>%n runs not cancellable (see Details).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) not cancelled: the request failed (%1). They go on running.</source>
        <translation>
            <numerusform>%n run not cancelled: the request failed (%1). It goes on running.</numerusform>
            <numerusform>%n runs not cancelled: the request failed (%1). They go on running.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) not cancelled: no answer came back (%1) and AppFlow still shows them in progress.</source>
        <translation>
            <numerusform>%n run not cancelled: no answer came back (%1) and AppFlow still shows it in progress.</numerusform>
            <numerusform>%n runs not cancelled: no answer came back (%1) and AppFlow still shows them in progress.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s): no answer came back (%1); reading their status to find out whether the cancel started…</source>
        <translation>
            <numerusform>%n run: no answer came back (%1); reading its status to find out whether the cancel started…</numerusform>
            <numerusform>%n runs: no answer came back (%1); reading their status to find out whether the cancel started…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retry sends the cancel again for %n run(s).</source>
        <translation>
            <numerusform>Retry sends the cancel again for %n run.</numerusform>
            <numerusform>Retry sends the cancel again for %n runs.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::CancelWorkflow</name>
    <message numerus="yes">
        <source>%n run(s) cancelled</source>
        <translation>
            <numerusform>%n run cancelled</numerusform>
            <numerusform>%n runs cancelled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n not — see the results window</source>
        <translation>
            <numerusform>, %n not — see the results window</numerusform>
            <numerusform>, %n not — see the results window</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::ErrorPresenter</name>
    <message numerus="yes">
        <source>Flowdesk tried %n times and stopped.</source>
        <translation>
            <numerusform>Flowdesk tried once and stopped.</numerusform>
            <numerusform>Flowdesk tried %n times and stopped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::FleetPage</name>
    <message numerus="yes">
        <source> · %n active run(s) found</source>
        <translation>
            <numerusform> · %n active run found</numerusform>
            <numerusform> · %n active runs found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n could not be read (see State)</source>
        <translation>
            <numerusform> · %n could not be read (see State)</numerusform>
            <numerusform> · %n could not be read (see State)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n read in part</source>
        <translation>
            <numerusform> · %n read in part</numerusform>
            <numerusform> · %n read in part</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n active run(s)</source>
        <translation>
            <numerusform>%1 · %n active run</numerusform>
            <numerusform>%1 · %n active runs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::HistoryWindow</name>
    <message numerus="yes">
        <source>%n damaged line(s) skipped (line(s) %1). Every other line was read.</source>
        <translation>
            <numerusform>%n damaged line skipped (line %1). Every other line was read.</numerusform>
            <numerusform>%n damaged lines skipped (lines %1). Every other line was read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) loaded.</source>
        <translation>
            <numerusform>%n entry loaded.</numerusform>
            <numerusform>%n entries loaded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing %1 of %n entry(s).</source>
        <translation>
            <numerusform>Showing %1 of %n entry.</numerusform>
            <numerusform>Showing %1 of %n entries.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::MainWindow</name>
    <message numerus="yes">
        <source>Cancel %n run(s)…</source>
        <translation>
            <numerusform>Cancel %n run…</numerusform>
            <numerusform>Cancel %n runs…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s): %1</source>
        <translation>
            <numerusform>%n connection: %1</numerusform>
            <numerusform>%n connections: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Flowdesk — %n connection(s)</source>
        <translation>
            <numerusform>Flowdesk — %n connection</numerusform>
            <numerusform>Flowdesk — %n connections</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cancel(s) from %1 were not confirmed before Flowdesk closed.</source>
        <translation>
            <numerusform>%n cancel from %1 was not confirmed before Flowdesk closed.</numerusform>
            <numerusform>%n cancels from %1 were not confirmed before Flowdesk closed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n flow(s) not read</source>
        <translation>
            <numerusform>%n flow not read</numerusform>
            <numerusform>%n flows not read</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::cli</name>
    <message numerus="yes">
        <source>Tried %n time(s).</source>
        <translation>
            <numerusform>Tried once.</numerusform>
            <numerusform>Tried %n times.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading runs: %1 of %n flow(s)…</source>
        <translation>
            <numerusform>Reading runs: %1 of %n flow…</numerusform>
            <numerusform>Reading runs: %1 of %n flows…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::cli::ActiveCommand</name>
    <message numerus="yes">
        <source>flowdesk-cli: the runs of %n flow(s) could not be read; their active runs are not shown:</source>
        <translation>
            <numerusform>flowdesk-cli: the runs of %n flow could not be read; its active runs are not shown:</numerusform>
            <numerusform>flowdesk-cli: the runs of %n flows could not be read; their active runs are not shown:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::cli::CancelCommand</name>
    <message numerus="yes">
        <source>Cancel all %n active run(s) of %1</source>
        <translation>
            <numerusform>Cancel the %n active run of %1</numerusform>
            <numerusform>Cancel all %n active runs of %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s) of %1</source>
        <translation>
            <numerusform>Cancel %n run of %1</numerusform>
            <numerusform>Cancel %n runs of %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You are still charged for the data the %n run(s) have already processed.</source>
        <translation>
            <numerusform>You are still charged for the data this run has already processed.</numerusform>
            <numerusform>You are still charged for the data these %n runs have already processed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) cancelled or cancelling</source>
        <translation>
            <numerusform>%n run cancelled or cancelling</numerusform>
            <numerusform>%n runs cancelled or cancelling</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not cancelled</source>
        <translation>
            <numerusform>%n not cancelled</numerusform>
            <numerusform>%n not cancelled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s) in %1 flows</source>
        <translation>
            <numerusform>Cancel %n run in %1 flows</numerusform>
            <numerusform>Cancel %n runs in %1 flows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading %n flow(s)…</source>
        <translation>
            <numerusform>Reading %n flow…</numerusform>
            <numerusform>Reading %n flows…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::cli::FlowsCommand</name>
    <message numerus="yes">
        <source>flowdesk-cli: the flow list is incomplete: %n page(s) were read before one failed.</source>
        <translation>
            <numerusform>flowdesk-cli: the flow list is incomplete: %n page was read before one failed.</numerusform>
            <numerusform>flowdesk-cli: the flow list is incomplete: %n pages were read before one failed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::cli::HistoryCommand</name>
    <message numerus="yes">
        <source>flowdesk-cli: %n line(s) of the audit log are not valid entries and were skipped.</source>
        <translation>
            <numerusform>flowdesk-cli: %n line of the audit log is not a valid entry and was skipped.</numerusform>
            <numerusform>flowdesk-cli: %n lines of the audit log are not valid entries and were skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::cli::RunsCommand</name>
    <message numerus="yes">
        <source>flowdesk-cli: the run list is incomplete: only the %n newest run(s) were read before a page failed.</source>
        <translation>
            <numerusform>flowdesk-cli: the run list is incomplete: only the newest run was read before a page failed.</numerusform>
            <numerusform>flowdesk-cli: the run list is incomplete: only the %n newest runs were read before a page failed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::cli::WatchCommand</name>
    <message numerus="yes">
        <source>  Reading again in %n second(s).</source>
        <translation>
            <numerusform>  Reading again in %n second.</numerusform>
            <numerusform>  Reading again in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Waiting for %n run(s) to reach a final status…</source>
        <translation>
            <numerusform>Waiting for %n run to reach a final status…</numerusform>
            <numerusform>Waiting for %n runs to reach a final status…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::fleet::SsoPortalClient</name>
    <message numerus="yes">
        <source>Gave up after %n attempt(s).</source>
        <translation>
            <numerusform>Gave up after %n attempt.</numerusform>
            <numerusform>Gave up after %n attempts.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::models::CancelController</name>
    <message numerus="yes">
        <source> (after %n attempt(s))</source>
        <translation>
            <numerusform> (after %n attempt)</numerusform>
            <numerusform> (after %n attempts)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::models::CancelReconciler</name>
    <message numerus="yes">
        <source>which runs were in progress when it was sent is not recorded; %n run(s) of the flow are in progress now</source>
        <translation>
            <numerusform>which runs were in progress when it was sent is not recorded; %n run of the flow is in progress now</numerusform>
            <numerusform>which runs were in progress when it was sent is not recorded; %n runs of the flow are in progress now</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::models::FleetController</name>
    <message numerus="yes">
        <source>%1 of %n account-region(s) done</source>
        <translation>
            <numerusform>%1 of %n account-region done</numerusform>
            <numerusform>%1 of %n account-regions done</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::models::FleetRegionsModel</name>
    <message numerus="yes">
        <source>Partial: runs of %n flow(s) unread (%1)</source>
        <translation>
            <numerusform>Partial: runs of %n flow unread (%1)</numerusform>
            <numerusform>Partial: runs of %n flows unread (%1)</numerusform>
        </translation>
    </message>
</context>
</TS>
