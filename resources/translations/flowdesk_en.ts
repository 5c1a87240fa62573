<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- English plural forms for every tr("… %n …") in Flowdesk. Source strings are written once
     with "(s)"; this file turns "Cancel %n run(s)" into "Cancel 1 run" / "Cancel 3 runs".
     Add an entry here whenever a new %n string appears (tst_translations checks they resolve). -->
<TS version="2.1" language="en">
<context>
    <name>flowdesk::CancelConfirmationDialog</name>
    <message numerus="yes">
        <source>Cancel %n run(s)</source>
        <translation><numerusform>Cancel %n run</numerusform><numerusform>Cancel %n runs</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Cancel all %n active run(s) in %1 flows?</source>
        <translation><numerusform>Cancel the %n active run in %1 flows?</numerusform><numerusform>Cancel all %n active runs in %1 flows?</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Cancel all %n active run(s) in %1 flows of %2 connections?</source>
        <translation><numerusform>Cancel the %n active run in %1 flows of %2 connections?</numerusform><numerusform>Cancel all %n active runs in %1 flows of %2 connections?</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Also deactivate the %n scheduled or event flow(s) among these, so no new runs start</source>
        <translation><numerusform>Also deactivate the %n scheduled or event flow among these, so no new runs start</numerusform><numerusform>Also deactivate the %n scheduled or event flows among these, so no new runs start</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s) in %1 flows?</source>
        <translation><numerusform>Cancel %n run in %1 flows?</numerusform><numerusform>Cancel %n runs in %1 flows?</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Cancel all %n active run(s) of “%1”?</source>
        <translation><numerusform>Cancel the %n active run of “%1”?</numerusform><numerusform>Cancel all %n active runs of “%1”?</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s) of “%1”?</source>
        <translation><numerusform>Cancel %n run of “%1”?</numerusform><numerusform>Cancel %n runs of “%1”?</numerusform></translation>
    </message>
</context>
<context>
    <name>flowdesk::CancelOutcomeView</name>
    <message numerus="yes">
        <source>%n run(s) cancelled or being cancelled</source>
        <translation><numerusform>%n run cancelled or being cancelled</numerusform><numerusform>%n runs cancelled or being cancelled</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n not cancellable</source>
        <translation><numerusform>%n not cancellable</numerusform><numerusform>%n not cancellable</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n failed to send</source>
        <translation><numerusform>%n failed to send</numerusform><numerusform>%n failed to send</numerusform></translation>
    </message>
</context>
<context>
    <name>flowdesk::MainWindow</name>
    <message numerus="yes">
        <source>Cancel %n run(s)…</source>
        <translation><numerusform>Cancel %n run…</numerusform><numerusform>Cancel %n runs…</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s): %1</source>
        <translation><numerusform>%n connection: %1</numerusform><numerusform>%n connections: %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Flowdesk — %n connection(s)</source>
        <translation><numerusform>Flowdesk — %n connection</numerusform><numerusform>Flowdesk — %n connections</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n active run(s) in %1 flow(s)</source>
        <translation><numerusform>%n active run in %1 flows</numerusform><numerusform>%n active runs in %1 flows</numerusform></translation>
    </message>
</context>
<context><name>flowdesk::HistoryWindow</name>
 <message numerus="yes"><source>%n damaged line(s) skipped (line(s) %1). Every other line was read.</source>
  <translation><numerusform>%n damaged line skipped (line %1). Every other line was read.</numerusform><numerusform>%n damaged lines skipped (lines %1). Every other line was read.</numerusform></translation></message>
 <message numerus="yes"><source>%n entry(s) loaded.</source>
  <translation><numerusform>%n entry loaded.</numerusform><numerusform>%n entries loaded.</numerusform></translation></message>
 <message numerus="yes"><source>Showing %1 of %n entry(s).</source>
  <translation><numerusform>Showing %1 of %n entry.</numerusform><numerusform>Showing %1 of %n entries.</numerusform></translation></message>
</context>
</TS>
