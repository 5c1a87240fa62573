<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AuditCsvExporter</name>
    <message>
        <source>Cannot export to %1: %2.</source>
        <translation>Export nach %1 nicht möglich: %2.</translation>
    </message>
</context>
<context>
    <name>AuditEntry</name>
    <message>
        <source>&quot;%1&quot; is not a list</source>
        <translation>„%1“ ist keine Liste</translation>
    </message>
    <message>
        <source>&quot;%1&quot; holds something other than text</source>
        <translation>„%1“ enthält etwas anderes als Text</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not text</source>
        <translation>„%1“ ist kein Text</translation>
    </message>
    <message>
        <source>unknown format version %1</source>
        <translation>unbekannte Formatversion %1</translation>
    </message>
    <message>
        <source>unknown entry type &quot;%1&quot;</source>
        <translation>unbekannter Eintragstyp „%1“</translation>
    </message>
    <message>
        <source>no valid time</source>
        <translation>keine gültige Zeit</translation>
    </message>
    <message>
        <source>no correlation ID</source>
        <translation>keine Korrelations-ID</translation>
    </message>
    <message>
        <source>an outcome of unknown kind</source>
        <translation>ein Ergebnis unbekannter Art</translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>The audit log has no location: the system reports no application data folder. Set a writable home folder and restart Flowdesk.</source>
        <translation>Das Prüfprotokoll hat keinen Speicherort: Das System nennt keinen Ordner für Anwendungsdaten. Legen Sie einen beschreibbaren Benutzerordner fest und starten Sie Flowdesk neu.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the audit log. Check that the path is a folder you can write to.</source>
        <translation>Der Ordner %1 für das Prüfprotokoll kann nicht angelegt werden. Prüfen Sie, ob der Pfad ein Ordner ist, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <source>Cannot open the audit log %1: %2. Check that you can write to it.</source>
        <translation>Das Prüfprotokoll %1 kann nicht geöffnet werden: %2. Prüfen Sie, ob Sie hineinschreiben dürfen.</translation>
    </message>
    <message>
        <source>unknown user</source>
        <translation>unbekannter Benutzer</translation>
    </message>
    <message>
        <source>Cannot write the audit log %1: %2. Free some space or check the disk, then try again.</source>
        <translation>Das Prüfprotokoll %1 kann nicht geschrieben werden: %2. Schaffen Sie Platz oder prüfen Sie den Datenträger und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Cannot write the audit log %1: only %2 of %3 bytes could be written. Free some space or check the disk, then try again.</source>
        <translation>Das Prüfprotokoll %1 kann nicht geschrieben werden: Nur %2 von %3 Bytes wurden geschrieben. Schaffen Sie Platz oder prüfen Sie den Datenträger und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>the folder %1 could not be saved: %2</source>
        <translation>Der Ordner %1 konnte nicht gesichert werden: %2</translation>
    </message>
    <message>
        <source>Cannot save the audit log %1 to disk: %2. Check the disk, then try again.</source>
        <translation>Das Prüfprotokoll %1 kann nicht auf den Datenträger gesichert werden: %2. Prüfen Sie den Datenträger und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Cannot save the audit log %1 to disk: %2. The entry could not be taken back either: History may list this cancel although it was not sent. Check the disk, then try again.</source>
        <translation>Das Prüfprotokoll %1 kann nicht auf den Datenträger gesichert werden: %2. Auch der Eintrag ließ sich nicht zurücknehmen: Der Verlauf kann diesen Abbruch aufführen, obwohl er nicht gesendet wurde. Prüfen Sie den Datenträger und versuchen Sie es dann erneut.</translation>
    </message>
</context>
<context>
    <name>AuditLogReader</name>
    <message>
        <source>Cannot read the audit log %1: %2.</source>
        <translation>Das Prüfprotokoll %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>incomplete last line (Flowdesk may have stopped while writing it)</source>
        <translation>unvollständige letzte Zeile (Flowdesk wurde möglicherweise beim Schreiben beendet)</translation>
    </message>
    <message>
        <source>not valid JSON: %1</source>
        <translation>kein gültiges JSON: %1</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>incomplete line (Flowdesk stopped, or the disk failed, while writing it)</source>
        <translation>unvollständige Zeile (Flowdesk wurde beendet oder der Datenträger ist beim Schreiben ausgefallen)</translation>
    </message>
</context>
<context>
    <name>AwsIniFile</name>
    <message>
        <source>%1, line %2: %3</source>
        <translation>%1, Zeile %2: %3</translation>
    </message>
    <message>
        <source>the section header has no closing &apos;]&apos;.</source>
        <translation>Der Abschnittskopf hat keine schließende &apos;]&apos;.</translation>
    </message>
    <message>
        <source>unexpected text after the section header&apos;s &apos;]&apos;.</source>
        <translation>Unerwarteter Text nach der &apos;]&apos; des Abschnittskopfs.</translation>
    </message>
    <message>
        <source>the section header has no name (&apos;[]&apos;).</source>
        <translation>Der Abschnittskopf hat keinen Namen (&apos;[]&apos;).</translation>
    </message>
    <message>
        <source>&apos;[%1 …]&apos; needs exactly one name after &apos;%1&apos;.</source>
        <translation>&apos;[%1 …]&apos; braucht genau einen Namen nach &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>a setting appears before the first [section] header.</source>
        <translation>Eine Einstellung steht vor dem ersten [Abschnitt]-Kopf.</translation>
    </message>
    <message>
        <source>expected &apos;key = value&apos; inside the indented settings of &apos;%1&apos;.</source>
        <translation>&apos;Schlüssel = Wert&apos; erwartet in den eingerückten Einstellungen von &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>an indented line does not follow a setting it could belong to.</source>
        <translation>Eine eingerückte Zeile folgt keiner Einstellung, zu der sie gehören könnte.</translation>
    </message>
    <message>
        <source>expected &apos;key = value&apos;, a [section] header or a comment.</source>
        <translation>&apos;Schlüssel = Wert&apos;, ein [Abschnitt]-Kopf oder ein Kommentar erwartet.</translation>
    </message>
    <message>
        <source>the setting has no name before &apos;=&apos;.</source>
        <translation>Die Einstellung hat keinen Namen vor dem &apos;=&apos;.</translation>
    </message>
    <message>
        <source>%1%2 is %3, not a regular file. Flowdesk reads AWS settings only from regular files; replace it with one.</source>
        <translation>%1%2 ist %3, keine normale Datei. Flowdesk liest AWS-Einstellungen nur aus normalen Dateien; ersetzen Sie es durch eine.</translation>
    </message>
    <message>
        <source> (it is a link to %1)</source>
        <translation> (es ist ein Verweis auf %1)</translation>
    </message>
    <message>
        <source>%1 is %2 MiB; Flowdesk reads AWS config and credentials files of at most %3 MiB. Check that it is the right file.</source>
        <translation>%1 ist %2 MiB groß; Flowdesk liest AWS-Konfigurations- und Anmeldedatendateien bis %3 MiB. Prüfen Sie, ob es die richtige Datei ist.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2. Check the file&apos;s permissions.</source>
        <translation>%1 kann nicht gelesen werden: %2. Prüfen Sie die Zugriffsrechte der Datei.</translation>
    </message>
    <message>
        <source>%1 changed while Flowdesk opened it; it is not a regular file now.</source>
        <translation>%1 hat sich geändert, während Flowdesk es öffnete; es ist jetzt keine normale Datei.</translation>
    </message>
</context>
<context>
    <name>CliCommandLine</name>
    <message>
        <source>Usage: flowdesk-cli [--profile P | --account NAME] [--region R] [--endpoint-url URL]
                    [--output table|json|csv] COMMAND

Lists and cancels Amazon AppFlow runs with Flowdesk&apos;s core: the same credentials,
confirmation facts, retries and audit log as the Flowdesk app.

Commands:
  flows [--filter TEXT]                     the flows, their status and last run
  runs FLOW [--active] [--since D] [--older-than D] [--limit N]
                                            a flow&apos;s runs, newest first
  active [--older-than D]                   every active run of every flow
  cancel FLOW (--all | RUN_ID... | --older-than D) [--deactivate] [--yes] [--dry-run] [--no-wait]
  cancel --all-flows (--all | --older-than D) [--yes] [--dry-run] [--no-wait]
                                            cancel runs that are in progress
  watch FLOW RUN_ID...                      until every run has a final status
  history [--flow F] [--since D]            the audit log of cancels

D is a duration: 90s, 15m, 2h, 1d or 1h30m. Times are printed in UTC (ISO 8601).
Exit codes: 0 done; 1 some runs not cancelled, a request failed or a listing is
incomplete; 2 usage or configuration error; 3 credentials problem; 4 throttled or
service unavailable after retries; 130 interrupted. See flowdesk-cli(1).
</source>
        <translation>Aufruf: flowdesk-cli [--profile P | --account NAME] [--region R] [--endpoint-url URL]
                     [--output table|json|csv] BEFEHL

Listet Amazon-AppFlow-Ausführungen auf und bricht sie ab, mit dem Kern von Flowdesk: dieselben
Anmeldedaten, Hinweise vor dem Abbruch, Wiederholungen und dasselbe Prüfprotokoll wie die App.

Befehle:
  flows [--filter TEXT]                     die Flows, ihr Status und ihre letzte Ausführung
  runs FLOW [--active] [--since D] [--older-than D] [--limit N]
                                            die Ausführungen eines Flows, neueste zuerst
  active [--older-than D]                   jede aktive Ausführung jedes Flows
  cancel FLOW (--all | RUN_ID... | --older-than D) [--deactivate] [--yes] [--dry-run] [--no-wait]
  cancel --all-flows (--all | --older-than D) [--yes] [--dry-run] [--no-wait]
                                            laufende Ausführungen abbrechen
  watch FLOW RUN_ID...                      bis jede Ausführung einen Endstatus hat
  history [--flow F] [--since D]            das Prüfprotokoll der Abbrüche

D ist eine Dauer: 90s, 15m, 2h, 1d oder 1h30m. Zeiten werden in UTC ausgegeben (ISO 8601).
Exit-Codes: 0 erledigt; 1 einige Ausführungen nicht abgebrochen, eine Anfrage fehlgeschlagen
oder eine Auflistung unvollständig; 2 Aufruf- oder Konfigurationsfehler; 3 Problem mit den
Anmeldedaten; 4 gedrosselt oder Dienst nach Wiederholungen nicht verfügbar; 130 unterbrochen.
Siehe flowdesk-cli(1).
</translation>
    </message>
    <message>
        <source>unknown option “%1”.</source>
        <translation>unbekannte Option „%1“.</translation>
    </message>
    <message>
        <source>unknown option “--%1”.</source>
        <translation>unbekannte Option „--%1“.</translation>
    </message>
    <message>
        <source>--%1 needs a value.</source>
        <translation>--%1 braucht einen Wert.</translation>
    </message>
    <message>
        <source>--%1 takes no value.</source>
        <translation>--%1 nimmt keinen Wert.</translation>
    </message>
    <message>
        <source>--%1 is given twice.</source>
        <translation>--%1 ist doppelt angegeben.</translation>
    </message>
    <message>
        <source>no command given (flows, runs, active, cancel, watch, history).</source>
        <translation>kein Befehl angegeben (flows, runs, active, cancel, watch, history).</translation>
    </message>
    <message>
        <source>unknown command “%1” (flows, runs, active, cancel, watch, history).</source>
        <translation>unbekannter Befehl „%1“ (flows, runs, active, cancel, watch, history).</translation>
    </message>
    <message>
        <source>“%1” does not take --%2.</source>
        <translation>„%1“ kennt --%2 nicht.</translation>
    </message>
    <message>
        <source>--profile and --account name two different connections: give one.</source>
        <translation>--profile und --account nennen zwei verschiedene Verbindungen: Geben Sie eine an.</translation>
    </message>
    <message>
        <source>--endpoint-url “%1” is not an http(s) URL with a host (e.g. https://appflow.eu-west-1.amazonaws.com).</source>
        <translation>--endpoint-url „%1“ ist keine http(s)-URL mit Host (z. B. https://appflow.eu-west-1.amazonaws.com).</translation>
    </message>
    <message>
        <source>--output “%1”: use table, json or csv.</source>
        <translation>--output „%1“: Verwenden Sie table, json oder csv.</translation>
    </message>
    <message>
        <source>--%1 “%2” is not a duration such as 90s, 15m, 2h, 1d or 1h30m.</source>
        <translation>--%1 „%2“ ist keine Dauer wie 90s, 15m, 2h, 1d oder 1h30m.</translation>
    </message>
    <message>
        <source>--limit “%1” is not a positive whole number.</source>
        <translation>--limit „%1“ ist keine positive ganze Zahl.</translation>
    </message>
    <message>
        <source>“%1” takes no arguments (got “%2”).</source>
        <translation>„%1“ nimmt keine Argumente (erhalten: „%2“).</translation>
    </message>
    <message>
        <source>“history” takes no arguments; use --flow NAME.</source>
        <translation>„history“ nimmt keine Argumente; verwenden Sie --flow NAME.</translation>
    </message>
    <message>
        <source>“runs” needs one flow name: flowdesk-cli runs FLOW.</source>
        <translation>„runs“ braucht einen Flow-Namen: flowdesk-cli runs FLOW.</translation>
    </message>
    <message>
        <source>“watch” needs a flow name and at least one run ID.</source>
        <translation>„watch“ braucht einen Flow-Namen und mindestens eine Ausführungs-ID.</translation>
    </message>
    <message>
        <source>--deactivate names one flow: it cannot be combined with --all-flows.</source>
        <translation>--deactivate nennt einen Flow: Es lässt sich nicht mit --all-flows kombinieren.</translation>
    </message>
    <message>
        <source>at most 1,000 run IDs can be cancelled at once.</source>
        <translation>Höchstens 1.000 Ausführungs-IDs können auf einmal abgebrochen werden.</translation>
    </message>
    <message>
        <source>Run “flowdesk-cli --help” for the commands and options.</source>
        <translation>„flowdesk-cli --help“ zeigt die Befehle und Optionen.</translation>
    </message>
    <message>
        <source>“cancel --all-flows” takes no flow name or run IDs (got “%1”).</source>
        <translation>„cancel --all-flows“ nimmt keinen Flow-Namen und keine Ausführungs-IDs (erhalten: „%1“).</translation>
    </message>
    <message>
        <source>“cancel --all-flows” needs exactly one of --all or --older-than D, to say which runs.</source>
        <translation>„cancel --all-flows“ braucht genau eines von --all oder --older-than D, um die Ausführungen zu bestimmen.</translation>
    </message>
    <message>
        <source>“cancel” needs a flow name: flowdesk-cli cancel FLOW (--all | RUN_ID... | --older-than D).</source>
        <translation>„cancel“ braucht einen Flow-Namen: flowdesk-cli cancel FLOW (--all | RUN_ID... | --older-than D).</translation>
    </message>
    <message>
        <source>“cancel” needs exactly one of --all, run IDs or --older-than D, to say which runs.</source>
        <translation>„cancel“ braucht genau eines von --all, Ausführungs-IDs oder --older-than D, um die Ausführungen zu bestimmen.</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Print the version and exit.</source>
        <translation>Version ausgeben und beenden.</translation>
    </message>
    <message>
        <source>Use the built-in AppFlow simulator (no AWS account needed).</source>
        <translation>Den eingebauten AppFlow-Simulator verwenden (kein AWS-Konto nötig).</translation>
    </message>
    <message>
        <source>Use this AWS CLI profile.</source>
        <translation>Dieses AWS-CLI-Profil verwenden.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Use this AWS region (e.g. eu-west-1).</source>
        <translation>Diese AWS-Region verwenden (z. B. eu-west-1).</translation>
    </message>
    <message>
        <source>REGION</source>
        <translation>REGION</translation>
    </message>
    <message>
        <source>Send AppFlow requests to this URL (http:// only to loopback).</source>
        <translation>AppFlow-Anfragen an diese URL senden (http:// nur an Loopback).</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Print the time from start to the first populated flow list (benchmarks).</source>
        <translation>Die Zeit vom Start bis zur ersten gefüllten Flow-Liste ausgeben (Benchmarks).</translation>
    </message>
    <message>
        <source>Administer Amazon AppFlow flows and their runs.

Without options Flowdesk connects with your AWS CLI configuration (AWS_PROFILE, ~/.aws/config, ~/.aws/credentials, environment variables); when none is found it opens the built-in demo simulator.</source>
        <translation>Amazon-AppFlow-Flows und ihre Ausführungen verwalten.

Ohne Optionen verbindet sich Flowdesk mit Ihrer AWS-CLI-Konfiguration (AWS_PROFILE, ~/.aws/config, ~/.aws/credentials, Umgebungsvariablen); findet es keine, öffnet es den eingebauten Demo-Simulator.</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;.</source>
        <translation>unerwartetes Argument „%1“.</translation>
    </message>
    <message>
        <source>--profile needs a profile name.</source>
        <translation>--profile braucht einen Profilnamen.</translation>
    </message>
    <message>
        <source>--demo cannot be combined with --profile or --endpoint-url.</source>
        <translation>--demo lässt sich nicht mit --profile oder --endpoint-url kombinieren.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid AWS region name (for example eu-west-1).</source>
        <translation>„%1“ ist kein gültiger AWS-Regionsname (zum Beispiel eu-west-1).</translation>
    </message>
    <message>
        <source>--endpoint-url</source>
        <translation>--endpoint-url</translation>
    </message>
</context>
<context>
    <name>CommandLineSplitter</name>
    <message>
        <source>it ends with a backslash that escapes nothing</source>
        <translation>sie endet mit einem Backslash, der nichts maskiert</translation>
    </message>
    <message>
        <source>the single quote at character %1 is never closed</source>
        <translation>das einfache Anführungszeichen an Zeichen %1 wird nie geschlossen</translation>
    </message>
    <message>
        <source>the double quote at character %1 is never closed</source>
        <translation>das doppelte Anführungszeichen an Zeichen %1 wird nie geschlossen</translation>
    </message>
</context>
<context>
    <name>ConnectionCatalog</name>
    <message>
        <source>The AWS CLI configuration cannot be read, so its profiles are not listed: %1</source>
        <translation>Die AWS-CLI-Konfiguration kann nicht gelesen werden, daher werden ihre Profile nicht aufgeführt: %1</translation>
    </message>
    <message>
        <source>profile %1</source>
        <translation>Profil %1</translation>
    </message>
    <message>
        <source>Environment credentials</source>
        <translation>Anmeldedaten aus der Umgebung</translation>
    </message>
    <message>
        <source>account %1</source>
        <translation>Konto %1</translation>
    </message>
    <message>
        <source>Built-in simulator</source>
        <translation>Eingebauter Simulator</translation>
    </message>
    <message>
        <source>the demo</source>
        <translation>die Demo</translation>
    </message>
</context>
<context>
    <name>ConnectionFactory</name>
    <message>
        <source>No AWS credentials or profiles were found, so Flowdesk shows its built-in demo. Configure the AWS CLI (aws configure) or start Flowdesk with --profile NAME to manage real flows.</source>
        <translation>Es wurden keine AWS-Anmeldedaten oder -Profile gefunden, daher zeigt Flowdesk seine eingebaute Demo. Richten Sie die AWS CLI ein (aws configure) oder starten Sie Flowdesk mit --profile NAME, um echte Flows zu verwalten.</translation>
    </message>
    <message>
        <source>demo credentials</source>
        <translation>Demo-Anmeldedaten</translation>
    </message>
    <message>
        <source>The demo simulator could not start: %1</source>
        <translation>Der Demo-Simulator konnte nicht starten: %1</translation>
    </message>
</context>
<context>
    <name>ConnectionInfo</name>
    <message>
        <source>profile %1</source>
        <translation>Profil %1</translation>
    </message>
    <message>
        <source>environment credentials</source>
        <translation>Anmeldedaten aus der Umgebung</translation>
    </message>
    <message>
        <source>account %1</source>
        <translation>Konto %1</translation>
    </message>
    <message>
        <source>explicit credentials</source>
        <translation>ausdrücklich angegebene Anmeldedaten</translation>
    </message>
    <message>
        <source>demo simulator</source>
        <translation>Demo-Simulator</translation>
    </message>
    <message>
        <source>Identity Center account %1 (%2), role %3</source>
        <translation>Identity-Center-Konto %1 (%2), Rolle %3</translation>
    </message>
</context>
<context>
    <name>ConnectionOpener</name>
    <message>
        <source>This kind of connection cannot be opened from a choice.</source>
        <translation>Diese Art von Verbindung lässt sich nicht aus einer Auswahl öffnen.</translation>
    </message>
    <message>
        <source>AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set in Flowdesk&apos;s environment. Set them before starting Flowdesk, or choose a profile.</source>
        <translation>AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY sind in der Umgebung von Flowdesk nicht gesetzt. Setzen Sie sie vor dem Start von Flowdesk oder wählen Sie ein Profil.</translation>
    </message>
    <message>
        <source>There is no Flowdesk account named “%1”. Add it in File → Open connection → Add account.</source>
        <translation>Es gibt kein Flowdesk-Konto namens „%1“. Fügen Sie es unter Datei → Verbindung öffnen → Konto hinzufügen hinzu.</translation>
    </message>
    <message>
        <source>Account “%1” has no default region: choose one.</source>
        <translation>Konto „%1“ hat keine Standardregion: Wählen Sie eine.</translation>
    </message>
    <message>
        <source>Account “%1”: %2</source>
        <translation>Konto „%1“: %2</translation>
    </message>
</context>
<context>
    <name>DisplayFormat</name>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation>vor %1 s</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>vor %1 min</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>vor %1 h</translation>
    </message>
    <message>
        <source>%1 d ago</source>
        <translation>vor %1 T</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Successful</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Cancel started</source>
        <translation>Abbruch gestartet</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Deprecated</source>
        <translation>Veraltet</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Errored</source>
        <translation>Fehlerhaft</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Ausgesetzt</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>On demand</source>
        <translation>Bei Bedarf</translation>
    </message>
</context>
<context>
    <name>EndpointResolver</name>
    <message>
        <source>[services %1] %2 endpoint_url of profile &apos;%3&apos;</source>
        <translation>[services %1] %2 endpoint_url von Profil &apos;%3&apos;</translation>
    </message>
    <message>
        <source>endpoint_url of profile &apos;%1&apos;</source>
        <translation>endpoint_url von Profil &apos;%1&apos;</translation>
    </message>
    <message>
        <source>The endpoint &quot;%1&quot; (from %2) is not a valid URL; use e.g. https://appflow.eu-west-1.amazonaws.com.</source>
        <translation>Der Endpunkt „%1“ (aus %2) ist keine gültige URL; verwenden Sie z. B. https://appflow.eu-west-1.amazonaws.com.</translation>
    </message>
    <message>
        <source>The endpoint &quot;%1&quot; (from %2) contains a user name or password; remove it.</source>
        <translation>Der Endpunkt „%1“ (aus %2) enthält einen Benutzernamen oder ein Passwort; entfernen Sie es.</translation>
    </message>
    <message>
        <source>Refusing the endpoint &quot;%1&quot; (from %2): plain http:// would send signed requests unencrypted over the network. Use https://, or http:// only to a loopback address such as 127.0.0.1 or localhost (the simulator).</source>
        <translation>Der Endpunkt „%1“ (aus %2) wird abgelehnt: Mit einfachem http:// gingen signierte Anfragen unverschlüsselt über das Netz. Verwenden Sie https:// oder http:// nur zu einer Loopback-Adresse wie 127.0.0.1 oder localhost (der Simulator).</translation>
    </message>
    <message>
        <source>The endpoint &quot;%1&quot; (from %2) must start with https:// (or http:// for a loopback address).</source>
        <translation>Der Endpunkt „%1“ (aus %2) muss mit https:// beginnen (oder mit http:// bei einer Loopback-Adresse).</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>er ist leer</translation>
    </message>
    <message>
        <source>it does not start with https:// and a host name</source>
        <translation>er beginnt nicht mit https:// und einem Hostnamen</translation>
    </message>
    <message>
        <source>it names no host</source>
        <translation>er nennt keinen Host</translation>
    </message>
    <message>
        <source>its port &quot;%1&quot; is not a number from 1 to 65535</source>
        <translation>sein Port „%1“ ist keine Zahl von 1 bis 65535</translation>
    </message>
    <message>
        <source>it is not a valid URL (%1)</source>
        <translation>er ist keine gültige URL (%1)</translation>
    </message>
    <message>
        <source>The endpoint &quot;%1&quot; (from %2) cannot be used: %3. Use e.g. https://appflow.eu-west-1.amazonaws.com.</source>
        <translation>Der Endpunkt „%1“ (aus %2) kann nicht verwendet werden: %3. Verwenden Sie z. B. https://appflow.eu-west-1.amazonaws.com.</translation>
    </message>
    <message>
        <source>the chosen endpoint</source>
        <translation>der gewählte Endpunkt</translation>
    </message>
    <message>
        <source>Both a custom %1 endpoint (%2) and FIPS endpoints (use_fips_endpoint / AWS_USE_FIPS_ENDPOINT) are configured; they cannot be combined. Remove one of them.</source>
        <translation>Sowohl ein eigener %1-Endpunkt (%2) als auch FIPS-Endpunkte (use_fips_endpoint / AWS_USE_FIPS_ENDPOINT) sind eingestellt; beides lässt sich nicht kombinieren. Entfernen Sie eines davon.</translation>
    </message>
    <message>
        <source>No AWS region is set for the %1 endpoint %2; requests are signed for a region. Choose one or set AWS_REGION.</source>
        <translation>Für den %1-Endpunkt %2 ist keine AWS-Region eingestellt; Anfragen werden für eine Region signiert. Wählen Sie eine oder setzen Sie AWS_REGION.</translation>
    </message>
    <message>
        <source>No AWS region is set, so there is no %1 endpoint to use. Choose a region, set AWS_REGION, or add region to the profile.</source>
        <translation>Es ist keine AWS-Region eingestellt, daher gibt es keinen %1-Endpunkt. Wählen Sie eine Region, setzen Sie AWS_REGION oder fügen Sie dem Profil region hinzu.</translation>
    </message>
    <message>
        <source>AppFlow has no FIPS endpoint in %1 (it has them in us-east-1, us-east-2, us-west-1, us-west-2 and GovCloud). Choose one of those regions or turn off use_fips_endpoint / AWS_USE_FIPS_ENDPOINT.</source>
        <translation>AppFlow hat in %1 keinen FIPS-Endpunkt (es gibt sie in us-east-1, us-east-2, us-west-1, us-west-2 und GovCloud). Wählen Sie eine dieser Regionen oder schalten Sie use_fips_endpoint / AWS_USE_FIPS_ENDPOINT aus.</translation>
    </message>
    <message>
        <source>default FIPS endpoint</source>
        <translation>Standard-FIPS-Endpunkt</translation>
    </message>
    <message>
        <source>default endpoint</source>
        <translation>Standardendpunkt</translation>
    </message>
</context>
<context>
    <name>ErrorPresenter</name>
    <message>
        <source>No answer came back, so AppFlow may or may not have started the cancel: the Cancel results window reads the runs&apos; status to find out, and offers Retry if they are still running.</source>
        <translation>Es kam keine Antwort zurück, daher hat AppFlow den Abbruch vielleicht gestartet, vielleicht nicht: Das Fenster „Abbruchergebnisse“ liest den Status der Ausführungen, um es herauszufinden, und bietet „Erneut versuchen“ an, falls sie noch laufen.</translation>
    </message>
    <message>
        <source>That request cancelled nothing; the runs go on. The Cancel results window names them and has a Retry button.</source>
        <translation>Diese Anfrage hat nichts abgebrochen; die Ausführungen laufen weiter. Das Fenster „Abbruchergebnisse“ nennt sie und hat eine Schaltfläche „Erneut versuchen“.</translation>
    </message>
    <message>
        <source>The flow was not deactivated: scheduled and event runs still start. Deactivate it again from the Runs menu.</source>
        <translation>Der Flow wurde nicht deaktiviert: Geplante und ereignisgesteuerte Ausführungen starten weiterhin. Deaktivieren Sie ihn erneut über das Menü „Ausführungen“.</translation>
    </message>
    <message>
        <source>No run was started. Start it again from the Runs menu.</source>
        <translation>Es wurde keine Ausführung gestartet. Starten Sie sie erneut über das Menü „Ausführungen“.</translation>
    </message>
    <message>
        <source>The confirmation says it could not check this flow&apos;s settings.</source>
        <translation>Die Bestätigung meldet, dass sie die Einstellungen dieses Flows nicht prüfen konnte.</translation>
    </message>
    <message>
        <source>The next automatic refresh, at %1, reads it again; press F5 to try now.</source>
        <translation>Die nächste automatische Aktualisierung um %1 liest es erneut; drücken Sie F5, um es jetzt zu versuchen.</translation>
    </message>
    <message>
        <source>Nothing retries it by itself: press F5 to try again.</source>
        <translation>Nichts versucht es von selbst erneut: Drücken Sie F5, um es noch einmal zu versuchen.</translation>
    </message>
    <message>
        <source>If it keeps happening, lower the concurrency in Preferences.</source>
        <translation>Wenn es immer wieder passiert, verringern Sie die Parallelität in den Einstellungen.</translation>
    </message>
    <message>
        <source>The timeout can be raised in Preferences.</source>
        <translation>Die Zeitüberschreitung lässt sich in den Einstellungen erhöhen.</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>Listing flows</source>
        <translation>Auflisten der Flows</translation>
    </message>
    <message>
        <source>Reading the settings of %1</source>
        <translation>Lesen der Einstellungen von %1</translation>
    </message>
    <message>
        <source>Reading the runs of %1</source>
        <translation>Lesen der Ausführungen von %1</translation>
    </message>
    <message>
        <source>Cancelling runs of %1</source>
        <translation>Abbrechen von Ausführungen von %1</translation>
    </message>
    <message>
        <source>Starting a run of %1</source>
        <translation>Starten einer Ausführung von %1</translation>
    </message>
    <message>
        <source>Deactivating %1</source>
        <translation>Deaktivieren von %1</translation>
    </message>
    <message>
        <source>%1 failed.</source>
        <translation>%1 ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>%1 was refused: you lack a permission.</source>
        <translation>%1 wurde abgelehnt: Ihnen fehlt eine Berechtigung.</translation>
    </message>
    <message>
        <source>Ask your AWS administrator to allow the IAM action appflow:%1 for this flow, or switch to a profile that has it.</source>
        <translation>Bitten Sie Ihre AWS-Administration, die IAM-Aktion appflow:%1 für diesen Flow zu erlauben, oder wechseln Sie zu einem Profil, das sie hat.</translation>
    </message>
    <message>
        <source>%1 is being throttled by AWS.</source>
        <translation>%1 wird von AWS gedrosselt.</translation>
    </message>
    <message>
        <source>AWS limits how fast this account may call AppFlow.</source>
        <translation>AWS begrenzt, wie schnell dieses Konto AppFlow aufrufen darf.</translation>
    </message>
    <message>
        <source>%1 failed: the flow no longer exists.</source>
        <translation>%1 ist fehlgeschlagen: Der Flow existiert nicht mehr.</translation>
    </message>
    <message>
        <source>It may have been deleted or renamed. Refresh the flow list.</source>
        <translation>Er wurde vielleicht gelöscht oder umbenannt. Aktualisieren Sie die Flow-Liste.</translation>
    </message>
    <message>
        <source>The request was not accepted as written; check the flow name and the selected runs.</source>
        <translation>Die Anfrage wurde so nicht angenommen; prüfen Sie den Flow-Namen und die ausgewählten Ausführungen.</translation>
    </message>
    <message>
        <source>An error inside AWS. Try again in a minute; if it persists, give AWS Support the request ID.</source>
        <translation>Ein Fehler innerhalb von AWS. Versuchen Sie es in einer Minute erneut; hält er an, geben Sie dem AWS-Support die Anfrage-ID.</translation>
    </message>
    <message>
        <source>The flow is being changed by someone else. Refresh and try again.</source>
        <translation>Der Flow wird gerade von jemand anderem geändert. Aktualisieren Sie und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>This flow does not support it (for example, on-demand flows cannot be deactivated).</source>
        <translation>Dieser Flow unterstützt das nicht (zum Beispiel lassen sich Bei-Bedarf-Flows nicht deaktivieren).</translation>
    </message>
    <message>
        <source>An AppFlow quota of this account is used up; see Service Quotas in the AWS console.</source>
        <translation>Ein AppFlow-Kontingent dieses Kontos ist aufgebraucht; siehe Service Quotas in der AWS-Konsole.</translation>
    </message>
    <message>
        <source>%1 failed: no usable AWS credentials.</source>
        <translation>%1 ist fehlgeschlagen: keine verwendbaren AWS-Anmeldedaten.</translation>
    </message>
    <message>
        <source>Check the connection&apos;s profile or account (see the message above).</source>
        <translation>Prüfen Sie das Profil oder Konto der Verbindung (siehe die Meldung oben).</translation>
    </message>
    <message>
        <source>%1 failed: could not reach %2.</source>
        <translation>%1 ist fehlgeschlagen: %2 war nicht erreichbar.</translation>
    </message>
    <message>
        <source>Check your network, VPN or proxy settings, and the endpoint.</source>
        <translation>Prüfen Sie Ihr Netzwerk, Ihre VPN- oder Proxy-Einstellungen und den Endpunkt.</translation>
    </message>
    <message>
        <source>%1 failed: %2 did not answer in time.</source>
        <translation>%1 ist fehlgeschlagen: %2 hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The network or the service is slow.</source>
        <translation>Das Netzwerk oder der Dienst ist langsam.</translation>
    </message>
    <message>
        <source>%1 answered something Flowdesk does not understand. Check that the endpoint really is AppFlow.</source>
        <translation>%1 hat etwas geantwortet, das Flowdesk nicht versteht. Prüfen Sie, ob der Endpunkt wirklich AppFlow ist.</translation>
    </message>
    <message>
        <source>%1 was stopped.</source>
        <translation>%1 wurde angehalten.</translation>
    </message>
    <message>
        <source>The connector (source or destination) reported a problem; check its connection in the AppFlow console.</source>
        <translation>Der Connector (Quelle oder Ziel) hat ein Problem gemeldet; prüfen Sie seine Verbindung in der AppFlow-Konsole.</translation>
    </message>
    <message>
        <source>AWS rejected the credentials or their signature. Check the access key, the secret and your computer&apos;s clock.</source>
        <translation>AWS hat die Anmeldedaten oder ihre Signatur abgelehnt. Prüfen Sie den Zugriffsschlüssel, das Geheimnis und die Uhr Ihres Computers.</translation>
    </message>
</context>
<context>
    <name>ExecutionRecordCells</name>
    <message>
        <source>Execution ID</source>
        <translation>Ausführungs-ID</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Last updated</source>
        <translation>Zuletzt aktualisiert</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <source>Bytes processed</source>
        <translation>Bytes verarbeitet</translation>
    </message>
    <message>
        <source>Bytes written</source>
        <translation>Bytes geschrieben</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation>Gestartet %1</translation>
    </message>
    <message>
        <source>Data pulled from %1 to %2</source>
        <translation>Daten abgerufen von %1 bis %2</translation>
    </message>
    <message>
        <source>Last updated %1</source>
        <translation>Zuletzt aktualisiert %1</translation>
    </message>
    <message>
        <source>%1 records processed</source>
        <translation>%1 Datensätze verarbeitet</translation>
    </message>
    <message>
        <source>%1 parallel processes</source>
        <translation>%1 parallele Prozesse</translation>
    </message>
    <message>
        <source>Page size up to %1 records</source>
        <translation>Seitengröße bis %1 Datensätze</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <source>%1 records failed to write</source>
        <translation>%1 Datensätze konnten nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>FleetFactory</name>
    <message>
        <source>%1 has no [sso-session %2] section. Run `aws configure sso-session`.</source>
        <translation>%1 hat keinen Abschnitt [sso-session %2]. Führen Sie `aws configure sso-session` aus.</translation>
    </message>
    <message>
        <source>The [sso-session %1] section in %2 needs sso_start_url and sso_region.</source>
        <translation>Der Abschnitt [sso-session %1] in %2 braucht sso_start_url und sso_region.</translation>
    </message>
    <message>
        <source>The demo simulator could not start: %1</source>
        <translation>Der Demo-Simulator konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>demo fleet</source>
        <translation>Demo-Flotte</translation>
    </message>
    <message>
        <source>The profile %1 in %2 needs sso_start_url and sso_region.</source>
        <translation>Das Profil %1 in %2 braucht sso_start_url und sso_region.</translation>
    </message>
</context>
<context>
    <name>FleetLogin</name>
    <message>
        <source>sso-session %1</source>
        <translation>sso-session %1</translation>
    </message>
    <message>
        <source>profile %1 (%2)</source>
        <translation>Profil %1 (%2)</translation>
    </message>
    <message>
        <source>demo fleet</source>
        <translation>Demo-Flotte</translation>
    </message>
    <message>
        <source>Enter the AWS access portal URL, e.g. https://my-company.awsapps.com/start.</source>
        <translation>Geben Sie die URL des AWS-Zugangsportals ein, z. B. https://my-company.awsapps.com/start.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an https:// address. The AWS access portal URL looks like https://my-company.awsapps.com/start.</source>
        <translation>„%1“ ist keine https://-Adresse. Die URL des AWS-Zugangsportals sieht so aus: https://my-company.awsapps.com/start.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a region name. Enter the region of your IAM Identity Center, e.g. us-east-1.</source>
        <translation>„%1“ ist kein Regionsname. Geben Sie die Region Ihres IAM Identity Center ein, z. B. us-east-1.</translation>
    </message>
</context>
<context>
    <name>RegionResolver</name>
    <message>
        <source>chosen region</source>
        <translation>gewählte Region</translation>
    </message>
    <message>
        <source>profile %1</source>
        <translation>Profil %1</translation>
    </message>
    <message>
        <source>No AWS region is set. Choose one in Flowdesk, set AWS_REGION, or add &quot;region = us-east-1&quot; (for example) to profile &apos;%1&apos; in ~/.aws/config.</source>
        <translation>Es ist keine AWS-Region eingestellt. Wählen Sie eine in Flowdesk, setzen Sie AWS_REGION oder fügen Sie (zum Beispiel) &quot;region = us-east-1&quot; zu Profil &apos;%1&apos; in ~/.aws/config hinzu.</translation>
    </message>
    <message>
        <source>No AWS region is set. Choose one in Flowdesk or set AWS_REGION.</source>
        <translation>Es ist keine AWS-Region eingestellt. Wählen Sie eine in Flowdesk oder setzen Sie AWS_REGION.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (from %2) is not a valid AWS region name such as &quot;eu-west-1&quot;.</source>
        <translation>„%1“ (aus %2) ist kein gültiger AWS-Regionsname wie „eu-west-1“.</translation>
    </message>
</context>
<context>
    <name>RegularFile</name>
    <message>
        <source>a folder</source>
        <translation>ein Ordner</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>eine benannte Pipe (FIFO)</translation>
    </message>
    <message>
        <source>a device</source>
        <translation>ein Gerät</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>ein Socket</translation>
    </message>
    <message>
        <source>not a file</source>
        <translation>keine Datei</translation>
    </message>
</context>
<context>
    <name>ResponseParser</name>
    <message>
        <source>Salesforce source uses Bulk API 2.0 (dataTransferApi BULKV2)</source>
        <translation>Die Salesforce-Quelle verwendet Bulk API 2.0 (dataTransferApi BULKV2)</translation>
    </message>
    <message>
        <source>Salesforce source may use Bulk API 2.0 when a run reads 1,000,000 records or more (dataTransferApi AUTOMATIC)</source>
        <translation>Die Salesforce-Quelle kann Bulk API 2.0 verwenden, wenn eine Ausführung 1.000.000 Datensätze oder mehr liest (dataTransferApi AUTOMATIC)</translation>
    </message>
    <message>
        <source>Salesforce destination uses Bulk API 2.0 (dataTransferApi BULKV2)</source>
        <translation>Das Salesforce-Ziel verwendet Bulk API 2.0 (dataTransferApi BULKV2)</translation>
    </message>
    <message>
        <source>Salesforce destination may use Bulk API 2.0 when a run writes 1,000 records or more (dataTransferApi AUTOMATIC)</source>
        <translation>Das Salesforce-Ziel kann Bulk API 2.0 verwenden, wenn eine Ausführung 1.000 Datensätze oder mehr schreibt (dataTransferApi AUTOMATIC)</translation>
    </message>
</context>
<context>
    <name>SsoTokenFile</name>
    <message>
        <source>Cannot write the IAM Identity Center token %1: %2.</source>
        <translation>Das IAM-Identity-Center-Token %1 kann nicht geschrieben werden: %2.</translation>
    </message>
</context>
<context>
    <name>flowdesk::AccountDialog</name>
    <message>
        <source>Add account</source>
        <translation>Konto hinzufügen</translation>
    </message>
    <message>
        <source>Edit account %1</source>
        <translation>Konto %1 bearbeiten</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Kontoname</translation>
    </message>
    <message>
        <source>e.g. prod-ops</source>
        <translation>z. B. prod-ops</translation>
    </message>
    <message>
        <source>How Flowdesk lists this account. Letters, digits, spaces and _ . @ + -; up to 64 characters.</source>
        <translation>Unter diesem Namen führt Flowdesk das Konto. Buchstaben, Ziffern, Leerzeichen und _ . @ + -; bis zu 64 Zeichen.</translation>
    </message>
    <message>
        <source>Access key ID</source>
        <translation>Zugriffsschlüssel-ID</translation>
    </message>
    <message>
        <source>AKIAIOSFODNN7EXAMPLE</source>
        <translation>AKIAIOSFODNN7EXAMPLE</translation>
    </message>
    <message>
        <source>Secret access key</source>
        <translation>Geheimer Zugriffsschlüssel</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored secret key</source>
        <translation>Leer lassen, um den gespeicherten geheimen Schlüssel zu behalten</translation>
    </message>
    <message>
        <source>Shown once when the key was created</source>
        <translation>Wird einmal beim Erstellen des Schlüssels angezeigt</translation>
    </message>
    <message>
        <source>Session token (optional)</source>
        <translation>Sitzungstoken (optional)</translation>
    </message>
    <message>
        <source>Only for temporary keys (ASIA…)</source>
        <translation>Nur für temporäre Schlüssel (ASIA…)</translation>
    </message>
    <message>
        <source>The AWS region this account connects to by default</source>
        <translation>Die AWS-Region, mit der sich dieses Konto standardmäßig verbindet</translation>
    </message>
    <message>
        <source>Default region</source>
        <translation>Standardregion</translation>
    </message>
    <message>
        <source>The regions where Amazon AppFlow is available.</source>
        <translation>Die Regionen, in denen Amazon AppFlow verfügbar ist.</translation>
    </message>
    <message>
        <source>Endpoint override (optional)</source>
        <translation>Eigener Endpunkt (optional)</translation>
    </message>
    <message>
        <source>Leave empty to use AppFlow&apos;s own endpoint for the region. http:// is accepted only for this computer (the simulator).</source>
        <translation>Leer lassen, um den AppFlow-Endpunkt der Region zu verwenden. http:// wird nur für diesen Computer angenommen (den Simulator).</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Access key ID:</source>
        <translation>&amp;Zugriffsschlüssel-ID:</translation>
    </message>
    <message>
        <source>&amp;Secret access key:</source>
        <translation>&amp;Geheimer Zugriffsschlüssel:</translation>
    </message>
    <message>
        <source>Session &amp;token:</source>
        <translation>Sitzungs&amp;token:</translation>
    </message>
    <message>
        <source>Default &amp;region:</source>
        <translation>Standard&amp;region:</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>&amp;Endpunkt:</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>Standard: %1</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Lists the flows of the account with these keys, to prove they work before they are saved.</source>
        <translation>Listet die Flows des Kontos mit diesen Schlüsseln auf, um zu zeigen, dass sie funktionieren, bevor sie gespeichert werden.</translation>
    </message>
    <message>
        <source>Testing the connection</source>
        <translation>Verbindung wird getestet</translation>
    </message>
    <message>
        <source>Save &amp;without testing</source>
        <translation>&amp;Ohne Test speichern</translation>
    </message>
    <message>
        <source>For keys that cannot be tested from here yet, e.g. while the network is down.</source>
        <translation>Für Schlüssel, die sich von hier aus noch nicht testen lassen, z. B. solange das Netzwerk ausgefallen ist.</translation>
    </message>
    <message>
        <source>Store the account: its name and key ID in Flowdesk&apos;s settings, the secret in the system keychain</source>
        <translation>Konto speichern: Name und Schlüssel-ID in den Einstellungen von Flowdesk, das Geheimnis im Schlüsselbund des Systems</translation>
    </message>
    <message>
        <source>Close without storing anything</source>
        <translation>Schließen, ohne etwas zu speichern</translation>
    </message>
    <message>
        <source>The secret key and session token are kept in the system keychain, never in Flowdesk&apos;s settings file.</source>
        <translation>Geheimer Schlüssel und Sitzungstoken liegen im Schlüsselbund des Systems, nie in der Einstellungsdatei von Flowdesk.</translation>
    </message>
    <message>
        <source>Stored; enter the secret key to replace it</source>
        <translation>Gespeichert; geben Sie den geheimen Schlüssel ein, um ihn zu ersetzen</translation>
    </message>
    <message>
        <source>An account named “%1” already exists; choose another name, or edit that account instead.</source>
        <translation>Ein Konto namens „%1“ gibt es schon; wählen Sie einen anderen Namen oder bearbeiten Sie stattdessen dieses Konto.</translation>
    </message>
    <message>
        <source>Enter the access key ID, e.g. AKIAIOSFODNN7EXAMPLE.</source>
        <translation>Geben Sie die Zugriffsschlüssel-ID ein, z. B. AKIAIOSFODNN7EXAMPLE.</translation>
    </message>
    <message>
        <source>Access key IDs are written in capital letters and digits; check that it was copied exactly.</source>
        <translation>Zugriffsschlüssel-IDs bestehen aus Großbuchstaben und Ziffern; prüfen Sie, ob sie genau kopiert wurde.</translation>
    </message>
    <message>
        <source>An access key ID has only capital letters and digits, 16 to 128 of them (usually 20, starting with AKIA or ASIA); check that it was copied whole.</source>
        <translation>Eine Zugriffsschlüssel-ID hat nur Großbuchstaben und Ziffern, 16 bis 128 davon (meist 20, beginnend mit AKIA oder ASIA); prüfen Sie, ob sie vollständig kopiert wurde.</translation>
    </message>
    <message>
        <source>Enter the secret access key that belongs to this access key ID.</source>
        <translation>Geben Sie den geheimen Zugriffsschlüssel ein, der zu dieser Zugriffsschlüssel-ID gehört.</translation>
    </message>
    <message>
        <source>A new access key ID needs its secret access key: enter it too.</source>
        <translation>Eine neue Zugriffsschlüssel-ID braucht ihren geheimen Zugriffsschlüssel: Geben Sie auch ihn ein.</translation>
    </message>
    <message>
        <source>A secret access key has no spaces; check that it was copied exactly.</source>
        <translation>Ein geheimer Zugriffsschlüssel enthält keine Leerzeichen; prüfen Sie, ob er genau kopiert wurde.</translation>
    </message>
    <message>
        <source>A session token belongs to its secret key: enter the secret access key too to replace it.</source>
        <translation>Ein Sitzungstoken gehört zu seinem geheimen Schlüssel: Geben Sie auch den geheimen Zugriffsschlüssel ein, um es zu ersetzen.</translation>
    </message>
    <message>
        <source>AppFlow is not available in %1; choose one of the listed regions.</source>
        <translation>AppFlow ist in %1 nicht verfügbar; wählen Sie eine der aufgeführten Regionen.</translation>
    </message>
    <message>
        <source>the Endpoint field</source>
        <translation>das Feld „Endpunkt“</translation>
    </message>
    <message>
        <source>This does not look like an AWS access key ID (AKIA or ASIA and 16 more letters and digits). Check that it was copied whole; Test connection will tell.</source>
        <translation>Das sieht nicht nach einer AWS-Zugriffsschlüssel-ID aus (AKIA oder ASIA und 16 weitere Buchstaben und Ziffern). Prüfen Sie, ob sie vollständig kopiert wurde; „Verbindung testen“ zeigt es.</translation>
    </message>
    <message>
        <source>Keys starting with ASIA are temporary: enter their session token as well.</source>
        <translation>Schlüssel, die mit ASIA beginnen, sind temporär: Geben Sie auch ihr Sitzungstoken ein.</translation>
    </message>
    <message>
        <source>Test the connection first, or tick “Save without testing”.</source>
        <translation>Testen Sie zuerst die Verbindung oder kreuzen Sie „Ohne Test speichern“ an.</translation>
    </message>
    <message>
        <source>account %1</source>
        <translation>Konto %1</translation>
    </message>
    <message>
        <source>Listing the flows in %1 at %2…</source>
        <translation>Flows in %1 werden über %2 aufgelistet…</translation>
    </message>
    <message>
        <source>Connected: AppFlow in %1 accepted these keys (flows found: %2).</source>
        <translation>Verbunden: AppFlow in %1 hat diese Schlüssel angenommen (gefundene Flows: %2).</translation>
    </message>
    <message>
        <source>Test failed: %1</source>
        <translation>Test fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Saving to the keychain…</source>
        <translation>Wird im Schlüsselbund gespeichert…</translation>
    </message>
</context>
<context>
    <name>flowdesk::AllActiveRunsPane</name>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Read the flows whose runs could not be read, and the rest of an unfinished flow list</source>
        <translation>Die Flows lesen, deren Ausführungen nicht gelesen werden konnten, und den Rest einer unvollständigen Flow-Liste</translation>
    </message>
    <message>
        <source>All active runs</source>
        <translation>Alle aktiven Ausführungen</translation>
    </message>
    <message>
        <source>Every run in progress or being cancelled, across all flows; select runs and press Delete to cancel them</source>
        <translation>Jede laufende oder gerade abgebrochene Ausführung über alle Flows; wählen Sie Ausführungen aus und drücken Sie Entf, um sie abzubrechen</translation>
    </message>
    <message>
        <source>Every run in progress or being cancelled, across all flows of this connection.</source>
        <translation>Jede laufende oder gerade abgebrochene Ausführung über alle Flows dieser Verbindung.</translation>
    </message>
    <message>
        <source>Every run in progress or being cancelled, across all flows of the %1 open connections.</source>
        <translation>Jede laufende oder gerade abgebrochene Ausführung über alle Flows der %1 offenen Verbindungen.</translation>
    </message>
    <message numerus="yes">
        <source>At least %n run(s) in progress or being cancelled.</source>
        <translation>
            <numerusform>Mindestens %n Ausführung läuft oder wird abgebrochen.</numerusform>
            <numerusform>Mindestens %n Ausführungen laufen oder werden abgebrochen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n flow(s) not read (%1): their runs are missing or as last read.</source>
        <translation>
            <numerusform>%n Flow nicht gelesen (%1): Seine Ausführungen fehlen oder sind auf dem Stand der letzten Lesung.</numerusform>
            <numerusform>%n Flows nicht gelesen (%1): Ihre Ausführungen fehlen oder sind auf dem Stand der letzten Lesung.</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>The flow list of %1 is incomplete: flows on the pages not read are not here.</source>
        <translation>Die Flow-Liste von %1 ist unvollständig: Flows auf den nicht gelesenen Seiten fehlen hier.</translation>
    </message>
</context>
<context>
    <name>flowdesk::AuditEntryModel</name>
    <message>
        <source>cancel started</source>
        <translation>Abbruch gestartet</translation>
    </message>
    <message>
        <source>not cancellable</source>
        <translation>nicht abbrechbar</translation>
    </message>
    <message>
        <source>request failed</source>
        <translation>Anfrage fehlgeschlagen</translation>
    </message>
    <message>
        <source>status checked later</source>
        <translation>Status später geprüft</translation>
    </message>
    <message numerus="yes">
        <source>cancel started for %n run(s)</source>
        <translation>
            <numerusform>Abbruch für %n Ausführung gestartet</numerusform>
            <numerusform>Abbruch für %n Ausführungen gestartet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) not cancellable</source>
        <translation>
            <numerusform>%n Ausführung nicht abbrechbar</numerusform>
            <numerusform>%n Ausführungen nicht abbrechbar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) not cancelled: request failed</source>
        <translation>
            <numerusform>%n Ausführung nicht abgebrochen: Anfrage fehlgeschlagen</numerusform>
            <numerusform>%n Ausführungen nicht abgebrochen: Anfrage fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) checked later</source>
        <translation>
            <numerusform>%n Ausführung später geprüft</numerusform>
            <numerusform>%n Ausführungen später geprüft</numerusform>
        </translation>
    </message>
    <message>
        <source>This computer’s local time. Point at a time to see it exactly, and in UTC.</source>
        <translation>Die Ortszeit dieses Computers. Zeigen Sie auf eine Zeit, um sie genau und in UTC zu sehen.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Flow</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Ausführungen</translation>
    </message>
    <message>
        <source>Profile / account</source>
        <translation>Profil / Konto</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Confirmed by</source>
        <translation>Bestätigt von</translation>
    </message>
    <message>
        <source>Request IDs</source>
        <translation>Anfrage-IDs</translation>
    </message>
    <message>
        <source>all active runs</source>
        <translation>alle aktiven Ausführungen</translation>
    </message>
    <message>
        <source>%1 runs: %2, …</source>
        <translation>%1 Ausführungen: %2, …</translation>
    </message>
    <message>
        <source>Cancel requested</source>
        <translation>Abbruch angefordert</translation>
    </message>
    <message>
        <source>No result recorded</source>
        <translation>Kein Ergebnis aufgezeichnet</translation>
    </message>
    <message>
        <source>Not confirmed before Flowdesk closed; later: %1</source>
        <translation>Vor dem Beenden von Flowdesk nicht bestätigt; später: %1</translation>
    </message>
    <message>
        <source>Deactivation failed: %1</source>
        <translation>Deaktivierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Flow deactivated (%1)</source>
        <translation>Flow deaktiviert (%1)</translation>
    </message>
    <message>
        <source>No active runs to cancel</source>
        <translation>Keine aktiven Ausführungen zum Abbrechen</translation>
    </message>
    <message>
        <source>No outcome recorded</source>
        <translation>Kein Ergebnis aufgezeichnet</translation>
    </message>
    <message>
        <source>Intent</source>
        <translation>Absicht</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Written before the cancel request was sent</source>
        <translation>Geschrieben, bevor die Abbruchanfrage gesendet wurde</translation>
    </message>
    <message>
        <source>Written when the answer (or the error) came in</source>
        <translation>Geschrieben, als die Antwort (oder der Fehler) eintraf</translation>
    </message>
    <message>
        <source>Every run of the flow in progress at the time</source>
        <translation>Jede zu dem Zeitpunkt laufende Ausführung des Flows</translation>
    </message>
    <message>
        <source>The flow was also to be deactivated.</source>
        <translation>Der Flow sollte auch deaktiviert werden.</translation>
    </message>
    <message>
        <source>The result is on its own line, with the same correlation ID.</source>
        <translation>Das Ergebnis steht in einer eigenen Zeile mit derselben Korrelations-ID.</translation>
    </message>
    <message>
        <source>No result line: the request may still be in flight, or Flowdesk stopped before the answer came in. Check the runs&apos; status in the main window.</source>
        <translation>Keine Ergebniszeile: Die Anfrage ist vielleicht noch unterwegs, oder Flowdesk wurde vor Eintreffen der Antwort beendet. Prüfen Sie den Status der Ausführungen im Hauptfenster.</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>flowdesk::CancelConfirmationDialog</name>
    <message>
        <source>Cancel runs</source>
        <translation>Ausführungen abbrechen</translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>Verbindung: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;These runs belong to %1 different connections:&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;One request is sent per connection and flow.</source>
        <translation>&lt;b&gt;Diese Ausführungen gehören zu %1 verschiedenen Verbindungen:&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;Je Verbindung und Flow wird eine Anfrage gesendet.</translation>
    </message>
    <message>
        <source>Keep runs</source>
        <translation>Ausführungen behalten</translation>
    </message>
    <message>
        <source>Close without cancelling anything</source>
        <translation>Schließen, ohne etwas abzubrechen</translation>
    </message>
    <message>
        <source>Cancel all active runs</source>
        <translation>Alle aktiven Ausführungen abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s)</source>
        <translation>
            <numerusform>%n Ausführung abbrechen</numerusform>
            <numerusform>%n Ausführungen abbrechen</numerusform>
        </translation>
    </message>
    <message>
        <source>Send the cancel to AppFlow now; it cannot be undone</source>
        <translation>Den Abbruch jetzt an AppFlow senden; er lässt sich nicht rückgängig machen</translation>
    </message>
    <message numerus="yes">
        <source>Cancel all %n active run(s) in %1 flows of %2 connections?</source>
        <translation>
            <numerusform>Alle %n aktive Ausführung in %1 Flows von %2 Verbindungen abbrechen?</numerusform>
            <numerusform>Alle %n aktiven Ausführungen in %1 Flows von %2 Verbindungen abbrechen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel all %n active run(s) in %1 flows?</source>
        <translation>
            <numerusform>Alle %n aktive Ausführung in %1 Flows abbrechen?</numerusform>
            <numerusform>Alle %n aktiven Ausführungen in %1 Flows abbrechen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s) in %1 flows?</source>
        <translation>
            <numerusform>%n Ausführung in %1 Flows abbrechen?</numerusform>
            <numerusform>%n Ausführungen in %1 Flows abbrechen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel all %n active run(s) of “%1”?</source>
        <translation>
            <numerusform>Alle %n aktive Ausführung von „%1“ abbrechen?</numerusform>
            <numerusform>Alle %n aktiven Ausführungen von „%1“ abbrechen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s) of “%1”?</source>
        <translation>
            <numerusform>%n Ausführung von „%1“ abbrechen?</numerusform>
            <numerusform>%n Ausführungen von „%1“ abbrechen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Flow</translation>
    </message>
    <message>
        <source>Run ID</source>
        <translation>Ausführungs-ID</translation>
    </message>
    <message>
        <source>Records processed</source>
        <translation>Datensätze verarbeitet</translation>
    </message>
    <message>
        <source>Bytes processed</source>
        <translation>Bytes verarbeitet</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Already processed: &lt;b&gt;%1 records&lt;/b&gt;, &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>Bereits verarbeitet: &lt;b&gt;%1 Datensätze&lt;/b&gt;, &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source> (some runs have not reported their counts yet)</source>
        <translation> (einige Ausführungen haben ihre Zahlen noch nicht gemeldet)</translation>
    </message>
    <message>
        <source>&lt;br&gt;Every run of the flow that is still in progress when the request reaches AWS is cancelled, including runs that start after this list was made.</source>
        <translation>&lt;br&gt;Jede Ausführung des Flows, die noch läuft, wenn die Anfrage AWS erreicht, wird abgebrochen, auch Ausführungen, die nach dem Erstellen dieser Liste starten.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Before you cancel&lt;/b&gt;</source>
        <translation>&lt;b&gt;Bevor Sie abbrechen&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <source>You are still charged for the data the %n run(s) have already processed.</source>
        <translation>
            <numerusform>Die Daten, die die %n Ausführung bereits verarbeitet hat, werden Ihnen weiterhin berechnet.</numerusform>
            <numerusform>Die Daten, die die %n Ausführungen bereits verarbeitet haben, werden Ihnen weiterhin berechnet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Data already written to the destination stays there. Cancelling does not remove or roll back anything.</source>
        <translation>Bereits ins Ziel geschriebene Daten bleiben dort. Der Abbruch entfernt nichts und macht nichts rückgängig.</translation>
    </message>
    <message>
        <source>%1 moves data in batches (Salesforce Bulk API 2.0). After you cancel, its run still finishes the whole current batch, and that batch is billed.&lt;br&gt;&lt;small&gt;%2&lt;/small&gt;</source>
        <translation>%1 überträgt Daten in Stapeln (Salesforce Bulk API 2.0). Nach dem Abbruch beendet seine Ausführung noch den ganzen aktuellen Stapel, und dieser Stapel wird berechnet.&lt;br&gt;&lt;small&gt;%2&lt;/small&gt;</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Flowdesk could not check whether %1 uses a batch API. If it does, its run finishes and bills its current batch after you cancel.</source>
        <translation>Flowdesk konnte nicht prüfen, ob %1 eine Batch-API verwendet. Falls ja, beendet seine Ausführung nach dem Abbruch noch den aktuellen Stapel, der berechnet wird.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cancelling cannot be undone.&lt;/b&gt; A cancelled run cannot be resumed; you can only start a new run.</source>
        <translation>&lt;b&gt;Ein Abbruch lässt sich nicht rückgängig machen.&lt;/b&gt; Eine abgebrochene Ausführung kann nicht fortgesetzt werden; Sie können nur eine neue starten.</translation>
    </message>
    <message>
        <source>Scheduled runs that have not started yet are not affected. Only deactivating the flow stops them.</source>
        <translation>Geplante Ausführungen, die noch nicht begonnen haben, sind nicht betroffen. Nur das Deaktivieren des Flows verhindert sie.</translation>
    </message>
    <message>
        <source>Also deactivate the flow so no new scheduled runs start</source>
        <translation>Den Flow auch deaktivieren, damit keine neuen geplanten Ausführungen starten</translation>
    </message>
    <message numerus="yes">
        <source>Also deactivate the %n scheduled or event flow(s) among these, so no new runs start</source>
        <translation>
            <numerusform>Auch den %n geplanten oder ereignisgesteuerten Flow darunter deaktivieren, damit keine neuen Ausführungen starten</numerusform>
            <numerusform>Auch die %n geplanten oder ereignisgesteuerten Flows darunter deaktivieren, damit keine neuen Ausführungen starten</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>To confirm, type %1:</source>
        <translation>Zur Bestätigung %1 eingeben:</translation>
    </message>
    <message>
        <source>Type the flow name to confirm</source>
        <translation>Flow-Namen zur Bestätigung eingeben</translation>
    </message>
    <message>
        <source>Type the words above to confirm</source>
        <translation>Die Wörter oben zur Bestätigung eingeben</translation>
    </message>
    <message>
        <source>cancel all</source>
        <comment>the words typed to confirm a cancel across flows</comment>
        <translation>alle abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>• %1: %n run(s)</source>
        <translation>
            <numerusform>• %1: %n Ausführung</numerusform>
            <numerusform>• %1: %n Ausführungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::CancelOutcomeView</name>
    <message>
        <source>Cancel results</source>
        <translation>Abbruchergebnisse</translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>Verbindung: %1</translation>
    </message>
    <message>
        <source>What became of each run: cancel started, not cancellable (and why), or failed</source>
        <translation>Was aus jeder Ausführung wurde: Abbruch gestartet, nicht abbrechbar (und warum) oder fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancel results per run</source>
        <translation>Abbruchergebnisse je Ausführung</translation>
    </message>
    <message>
        <source>Close this window; the outcome stays in Cancel History</source>
        <translation>Dieses Fenster schließen; das Ergebnis bleibt im Abbruchverlauf</translation>
    </message>
    <message>
        <source>Send the cancel again for the runs whose request failed, was not sent, or got no answer while the run is still in progress</source>
        <translation>Den Abbruch erneut senden für die Ausführungen, deren Anfrage fehlgeschlagen ist, nicht gesendet wurde oder keine Antwort bekam, solange die Ausführung noch läuft</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Retry %n run(s)</source>
        <translation>
            <numerusform>%n Ausführung e&amp;rneut versuchen</numerusform>
            <numerusform>%n Ausführungen e&amp;rneut versuchen</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending the cancel request…</source>
        <translation>Abbruchanfrage wird gesendet…</translation>
    </message>
    <message>
        <source>AWS is throttling the cancel of “%1” (%2)</source>
        <translation>AWS drosselt den Abbruch von „%1“ (%2)</translation>
    </message>
    <message>
        <source>The cancel of “%1” failed (%2)</source>
        <translation>Der Abbruch von „%1“ ist fehlgeschlagen (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%1; Flowdesk sends it again in %n s (attempt %2 of %3). Nothing is cancelled for those runs until AppFlow accepts it.</source>
        <translation>
            <numerusform>%1; Flowdesk sendet ihn in %n s erneut (Versuch %2 von %3). Für diese Ausführungen wird nichts abgebrochen, bis AppFlow ihn annimmt.</numerusform>
            <numerusform>%1; Flowdesk sendet ihn in %n s erneut (Versuch %2 von %3). Für diese Ausführungen wird nichts abgebrochen, bis AppFlow ihn annimmt.</numerusform>
        </translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>nicht gesendet</translation>
    </message>
    <message>
        <source>Nothing was cancelled.</source>
        <translation>Es wurde nichts abgebrochen.</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) cancelled: AppFlow shows them stopped.</source>
        <translation>
            <numerusform>%n Ausführung abgebrochen: AppFlow zeigt sie als beendet.</numerusform>
            <numerusform>%n Ausführungen abgebrochen: AppFlow zeigt sie als beendet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel started for %n run(s); watching until AppFlow shows the status Canceled (%1 so far).</source>
        <translation>
            <numerusform>Abbruch für %n Ausführung gestartet; beobachtet, bis AppFlow den Status Canceled zeigt (bisher %1).</numerusform>
            <numerusform>Abbruch für %n Ausführungen gestartet; beobachtet, bis AppFlow den Status Canceled zeigt (bisher %1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) were already being cancelled.</source>
        <translation>
            <numerusform>%n Ausführung wurde bereits abgebrochen.</numerusform>
            <numerusform>%n Ausführungen wurden bereits abgebrochen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) not cancellable (see Details).</source>
        <translation>
            <numerusform>%n Ausführung nicht abbrechbar (siehe Details).</numerusform>
            <numerusform>%n Ausführungen nicht abbrechbar (siehe Details).</numerusform>
        </translation>
    </message>
    <message>
        <source>request ID %1</source>
        <translation>Anfrage-ID %1</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) not cancelled: the request failed (%1). They go on running.</source>
        <translation>
            <numerusform>%n Ausführung nicht abgebrochen: Die Anfrage ist fehlgeschlagen (%1). Sie läuft weiter.</numerusform>
            <numerusform>%n Ausführungen nicht abgebrochen: Die Anfrage ist fehlgeschlagen (%1). Sie laufen weiter.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) not cancelled: no answer came back (%1) and AppFlow still shows them in progress.</source>
        <translation>
            <numerusform>%n Ausführung nicht abgebrochen: Es kam keine Antwort (%1), und AppFlow zeigt sie weiter als laufend.</numerusform>
            <numerusform>%n Ausführungen nicht abgebrochen: Es kam keine Antwort (%1), und AppFlow zeigt sie weiter als laufend.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s): no answer came back (%1); reading their status to find out whether the cancel started…</source>
        <translation>
            <numerusform>%n Ausführung: Es kam keine Antwort (%1); ihr Status wird gelesen, um herauszufinden, ob der Abbruch begonnen hat…</numerusform>
            <numerusform>%n Ausführungen: Es kam keine Antwort (%1); ihr Status wird gelesen, um herauszufinden, ob der Abbruch begonnen hat…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retry sends the cancel again for %n run(s).</source>
        <translation>
            <numerusform>„Erneut versuchen“ sendet den Abbruch für %n Ausführung noch einmal.</numerusform>
            <numerusform>„Erneut versuchen“ sendet den Abbruch für %n Ausführungen noch einmal.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the runs&apos; status at %1 (%2); the Status column shows the last known one. Flowdesk keeps trying.</source>
        <translation>Der Status der Ausführungen konnte um %1 nicht gelesen werden (%2); die Spalte „Status“ zeigt den zuletzt bekannten. Flowdesk versucht es weiter.</translation>
    </message>
    <message>
        <source>Done: every run whose cancel started has stopped.</source>
        <translation>Fertig: Jede Ausführung, deren Abbruch begonnen hat, ist beendet.</translation>
    </message>
</context>
<context>
    <name>flowdesk::CancelWorkflow</name>
    <message>
        <source>Checking the flow settings before cancelling…</source>
        <translation>Die Flow-Einstellungen werden vor dem Abbruch geprüft…</translation>
    </message>
    <message>
        <source>The runs of %1 are not in this cancel: that connection was closed.</source>
        <translation>Die Ausführungen von %1 sind nicht Teil dieses Abbruchs: Diese Verbindung wurde geschlossen.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Nothing was sent to %1: the connection was closed while the confirmation was open.</source>
        <translation>An %1 wurde nichts gesendet: Die Verbindung wurde geschlossen, während die Bestätigung offen war.</translation>
    </message>
    <message>
        <source>Nothing was cancelled: the selected runs finished while the confirmation was open.</source>
        <translation>Es wurde nichts abgebrochen: Die ausgewählten Ausführungen sind beendet worden, während die Bestätigung offen war.</translation>
    </message>
    <message>
        <source>%1 of the selected runs finished while the confirmation was open and were not sent.</source>
        <translation>%1 der ausgewählten Ausführungen sind beendet worden, während die Bestätigung offen war, und wurden nicht gesendet.</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) cancelled</source>
        <translation>
            <numerusform>%n Ausführung abgebrochen</numerusform>
            <numerusform>%n Ausführungen abgebrochen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n not — see the results window</source>
        <translation>
            <numerusform>, %n nicht – siehe das Ergebnisfenster</numerusform>
            <numerusform>, %n nicht – siehe das Ergebnisfenster</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel finished on %1</source>
        <translation>Abbruch in %1 abgeschlossen</translation>
    </message>
</context>
<context>
    <name>flowdesk::ConnectionCatalogTree</name>
    <message>
        <source>AWS CLI profiles, Flowdesk accounts and the demo to connect with</source>
        <translation>AWS-CLI-Profile, Flowdesk-Konten und die Demo zum Verbinden</translation>
    </message>
    <message>
        <source>Profiles and accounts</source>
        <translation>Profile und Konten</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Anmeldedaten</translation>
    </message>
    <message>
        <source>Default region</source>
        <translation>Standardregion</translation>
    </message>
    <message>
        <source>None yet</source>
        <translation>Noch keine</translation>
    </message>
    <message>
        <source>No Flowdesk accounts yet: Add account… (in Open connection) stores an access key in the system keychain.</source>
        <translation>Noch keine Flowdesk-Konten: „Konto hinzufügen…“ (in „Verbindung öffnen“) speichert einen Zugriffsschlüssel im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>AWS CLI profiles</source>
        <translation>AWS-CLI-Profile</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Flowdesk accounts</source>
        <translation>Flowdesk-Konten</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>None found</source>
        <translation>Keine gefunden</translation>
    </message>
    <message>
        <source>No profiles in ~/.aws/config or ~/.aws/credentials.</source>
        <translation>Keine Profile in ~/.aws/config oder ~/.aws/credentials.</translation>
    </message>
    <message>
        <source>Open in a tab</source>
        <translation>In einem Tab öffnen</translation>
    </message>
    <message>
        <source>Opens %1 in %2, as when last opened</source>
        <translation>Öffnet %1 in %2, wie beim letzten Mal</translation>
    </message>
    <message>
        <source>Loading profiles…</source>
        <translation>Profile werden geladen…</translation>
    </message>
    <message>
        <source>Reading ~/.aws/config and ~/.aws/credentials and checking each profile.</source>
        <translation>~/.aws/config und ~/.aws/credentials werden gelesen und jedes Profil geprüft.</translation>
    </message>
</context>
<context>
    <name>flowdesk::ConnectionDialog</name>
    <message>
        <source>Open connection</source>
        <translation>Verbindung öffnen</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation>Konto &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Store a new access key in the system keychain as a Flowdesk account</source>
        <translation>Einen neuen Zugriffsschlüssel als Flowdesk-Konto im Schlüsselbund des Systems speichern</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Change the selected Flowdesk account</source>
        <translation>Das ausgewählte Flowdesk-Konto ändern</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Ent&amp;fernen</translation>
    </message>
    <message>
        <source>Delete the selected Flowdesk account and its key from the keychain</source>
        <translation>Das ausgewählte Flowdesk-Konto und seinen Schlüssel aus dem Schlüsselbund löschen</translation>
    </message>
    <message>
        <source>The AWS region the connection opens in</source>
        <translation>Die AWS-Region, in der die Verbindung geöffnet wird</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Endpoint override (optional)</source>
        <translation>Eigener Endpunkt (optional)</translation>
    </message>
    <message>
        <source>Optional, e.g. http://127.0.0.1:8080 for a local simulator</source>
        <translation>Optional, z. B. http://127.0.0.1:8080 für einen lokalen Simulator</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Region:</translation>
    </message>
    <message>
        <source>E&amp;ndpoint:</source>
        <translation>E&amp;ndpunkt:</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Open the chosen profile or account in the chosen region, in a new tab</source>
        <translation>Das gewählte Profil oder Konto in der gewählten Region in einem neuen Tab öffnen</translation>
    </message>
    <message>
        <source>Close without connecting</source>
        <translation>Schließen, ohne zu verbinden</translation>
    </message>
    <message>
        <source>Choose a profile or account to connect with.</source>
        <translation>Wählen Sie ein Profil oder Konto zum Verbinden.</translation>
    </message>
    <message>
        <source>AWS CLI profile “%1”, with the credentials it is set up for (keys, role, IAM Identity Center or credential_process).</source>
        <translation>AWS-CLI-Profil „%1“ mit den Anmeldedaten, für die es eingerichtet ist (Schlüssel, Rolle, IAM Identity Center oder credential_process).</translation>
    </message>
    <message>
        <source>The keys in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY of the environment Flowdesk was started in.</source>
        <translation>Die Schlüssel in AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY der Umgebung, in der Flowdesk gestartet wurde.</translation>
    </message>
    <message>
        <source>Another in-process AppFlow simulator with demo flows, in the region you choose. Nothing here touches AWS.</source>
        <translation>Ein weiterer AppFlow-Simulator im Programm mit Demo-Flows, in der Region Ihrer Wahl. Nichts hier berührt AWS.</translation>
    </message>
    <message>
        <source>Flowdesk account “%1”; its secret key is in the system keychain.</source>
        <translation>Flowdesk-Konto „%1“; sein geheimer Schlüssel liegt im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>as when last opened</source>
        <translation>wie beim letzten Öffnen</translation>
    </message>
    <message>
        <source>default of %1</source>
        <translation>Standard von %1</translation>
    </message>
    <message>
        <source>no default region is configured; %1 is used unless you choose another</source>
        <translation>keine Standardregion eingestellt; %1 wird verwendet, wenn Sie keine andere wählen</translation>
    </message>
    <message>
        <source>the default %1 (from %2) has no AppFlow; %3 is used unless you choose another</source>
        <translation>die Standardregion %1 (aus %2) hat kein AppFlow; %3 wird verwendet, wenn Sie keine andere wählen</translation>
    </message>
    <message>
        <source>the Endpoint field</source>
        <translation>das Feld „Endpunkt“</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>Konto entfernen</translation>
    </message>
    <message>
        <source>Remove the account “%1”? Its secret key and session token are deleted from the system keychain; connections open with it stay open until closed.</source>
        <translation>Das Konto „%1“ entfernen? Sein geheimer Schlüssel und sein Sitzungstoken werden aus dem Schlüsselbund des Systems gelöscht; damit geöffnete Verbindungen bleiben offen, bis sie geschlossen werden.</translation>
    </message>
</context>
<context>
    <name>flowdesk::ConnectionPage</name>
    <message>
        <source>Demo · %1</source>
        <translation>Demo · %1</translation>
    </message>
    <message>
        <source>environment · %1</source>
        <translation>Umgebung · %1</translation>
    </message>
    <message>
        <source>account %1 · %2</source>
        <translation>Konto %1 · %2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Filter flows by name or connector…</source>
        <translation>Flows nach Name oder Connector filtern…</translation>
    </message>
    <message>
        <source>Filter flows</source>
        <translation>Flows filtern</translation>
    </message>
    <message>
        <source>Flows</source>
        <translation>Flows</translation>
    </message>
    <message>
        <source>Every flow of this connection with its status and active runs; select one to see its runs</source>
        <translation>Jeder Flow dieser Verbindung mit Status und aktiven Ausführungen; wählen Sie einen aus, um seine Ausführungen zu sehen</translation>
    </message>
    <message>
        <source>Select a flow to see its runs.</source>
        <translation>Wählen Sie einen Flow, um seine Ausführungen zu sehen.</translation>
    </message>
    <message>
        <source>Active runs only</source>
        <translation>Nur aktive Ausführungen</translation>
    </message>
    <message>
        <source>Show only the runs that are in progress or being cancelled</source>
        <translation>Nur die Ausführungen zeigen, die laufen oder gerade abgebrochen werden</translation>
    </message>
    <message>
        <source>Runs of the selected flow</source>
        <translation>Ausführungen des gewählten Flows</translation>
    </message>
    <message>
        <source>Newest first. Select runs in progress and press Delete to cancel them</source>
        <translation>Neueste zuerst. Wählen Sie laufende Ausführungen aus und drücken Sie Entf, um sie abzubrechen</translation>
    </message>
    <message>
        <source>Status, times, records and bytes of the selected run</source>
        <translation>Status, Zeiten, Datensätze und Bytes der gewählten Ausführung</translation>
    </message>
    <message>
        <source>Run details</source>
        <translation>Details der Ausführung</translation>
    </message>
    <message>
        <source>Select a run to see its details.</source>
        <translation>Wählen Sie eine Ausführung, um ihre Details zu sehen.</translation>
    </message>
    <message>
        <source>Ta&amp;ble</source>
        <translation>Ta&amp;belle</translation>
    </message>
    <message>
        <source>Ti&amp;meline</source>
        <translation>&amp;Zeitachse</translation>
    </message>
    <message>
        <source>The runs as rows, sortable by any column</source>
        <translation>Die Ausführungen als Zeilen, nach jeder Spalte sortierbar</translation>
    </message>
    <message>
        <source>The runs as bars in time: which overlap, which run long; the wheel zooms, a click selects</source>
        <translation>Die Ausführungen als Balken in der Zeit: welche sich überschneiden, welche lange laufen; das Mausrad zoomt, ein Klick wählt aus</translation>
    </message>
    <message>
        <source>Runs of &lt;b&gt;%1&lt;/b&gt; could not be read (%2): shown as last read, if ever. Refresh or Retry reads them again.</source>
        <translation>Die Ausführungen von &lt;b&gt;%1&lt;/b&gt; konnten nicht gelesen werden (%2): Gezeigt wird der zuletzt gelesene Stand, falls vorhanden. „Aktualisieren“ oder „Erneut versuchen“ liest sie erneut.</translation>
    </message>
    <message>
        <source>Runs of &lt;b&gt;%1&lt;/b&gt;, newest first</source>
        <translation>Ausführungen von &lt;b&gt;%1&lt;/b&gt;, neueste zuerst</translation>
    </message>
    <message>
        <source>Run ID</source>
        <translation>Ausführungs-ID</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Last updated</source>
        <translation>Zuletzt aktualisiert</translation>
    </message>
    <message>
        <source>Data pulled from</source>
        <translation>Daten abgerufen ab</translation>
    </message>
    <message>
        <source>Data pulled until</source>
        <translation>Daten abgerufen bis</translation>
    </message>
    <message>
        <source>Records processed</source>
        <translation>Datensätze verarbeitet</translation>
    </message>
    <message>
        <source>Bytes processed</source>
        <translation>Bytes verarbeitet</translation>
    </message>
    <message>
        <source>Bytes written</source>
        <translation>Bytes geschrieben</translation>
    </message>
    <message>
        <source>Parallel processes</source>
        <translation>Parallele Prozesse</translation>
    </message>
    <message>
        <source>Max page size</source>
        <translation>Max. Seitengröße</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Failed writes</source>
        <translation>Fehlgeschlagene Schreibvorgänge</translation>
    </message>
</context>
<context>
    <name>flowdesk::ConnectionsSidebar</name>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>More…</source>
        <translation>Mehr…</translation>
    </message>
    <message>
        <source>AWS CLI profiles, Flowdesk accounts and the demo; Enter opens the selected one in a new tab</source>
        <translation>AWS-CLI-Profile, Flowdesk-Konten und die Demo; die Eingabetaste öffnet den gewählten Eintrag in einem neuen Tab</translation>
    </message>
    <message>
        <source>The AWS region the connection opens in</source>
        <translation>Die AWS-Region, in der die Verbindung geöffnet wird</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Open this connection in a new tab</source>
        <translation>Diese Verbindung in einem neuen Tab öffnen</translation>
    </message>
    <message>
        <source>Endpoint override, adding and editing accounts (Ctrl+O)</source>
        <translation>Eigener Endpunkt, Konten hinzufügen und bearbeiten (Strg+O)</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Region:</translation>
    </message>
    <message>
        <source>No default region is configured: %1 is used unless you choose another.</source>
        <translation>Keine Standardregion eingestellt: %1 wird verwendet, wenn Sie keine andere wählen.</translation>
    </message>
    <message>
        <source>%1 has no AppFlow: %2 is used unless you choose another.</source>
        <translation>%1 hat kein AppFlow: %2 wird verwendet, wenn Sie keine andere wählen.</translation>
    </message>
    <message>
        <source>Endpoint: %1, as when last opened (More… to change it).</source>
        <translation>Endpunkt: %1, wie beim letzten Öffnen (ändern unter „Mehr…“).</translation>
    </message>
    <message>
        <source>Endpoint: %1, the account&apos;s own.</source>
        <translation>Endpunkt: %1, der eigene des Kontos.</translation>
    </message>
</context>
<context>
    <name>flowdesk::DesktopNotifier</name>
    <message>
        <source>No session bus and no system tray</source>
        <translation>Kein Sitzungsbus und kein Systemabschnitt der Kontrollleiste</translation>
    </message>
</context>
<context>
    <name>flowdesk::ErrorPresenter</name>
    <message numerus="yes">
        <source>Flowdesk tried %n times and stopped.</source>
        <translation>
            <numerusform>Flowdesk hat es %n Mal versucht und aufgehört.</numerusform>
            <numerusform>Flowdesk hat es %n Mal versucht und aufgehört.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::FleetAccountsDialog</name>
    <message>
        <source>Choose accounts and regions</source>
        <translation>Konten und Regionen wählen</translation>
    </message>
    <message>
        <source>Flowdesk reads the active runs of the checked accounts, as the role chosen for each, in every region below.</source>
        <translation>Flowdesk liest die aktiven Ausführungen der angehakten Konten, jeweils mit der gewählten Rolle, in jeder der unten genannten Regionen.</translation>
    </message>
    <message>
        <source>Search by account name or ID</source>
        <translation>Nach Kontoname oder -ID suchen</translation>
    </message>
    <message>
        <source>Search accounts</source>
        <translation>Konten durchsuchen</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Account ID</source>
        <translation>Konto-ID</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>Check the accounts to read and choose the role for each.</source>
        <translation>Haken Sie die zu lesenden Konten an und wählen Sie für jedes die Rolle.</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>keine Rolle</translation>
    </message>
    <message>
        <source>roles not listed</source>
        <translation>Rollen nicht aufgelistet</translation>
    </message>
    <message>
        <source>Role in %1</source>
        <translation>Rolle in %1</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>Regionen</translation>
    </message>
    <message>
        <source>&amp;Regions:</source>
        <translation>&amp;Regionen:</translation>
    </message>
    <message>
        <source>&amp;Read these</source>
        <translation>Diese &amp;lesen</translation>
    </message>
    <message>
        <source>Read the active runs of the checked accounts in these regions, and remember the choice</source>
        <translation>Die aktiven Ausführungen der angehakten Konten in diesen Regionen lesen und die Auswahl merken</translation>
    </message>
    <message>
        <source>Keep the accounts read now</source>
        <translation>Die jetzt gelesenen Konten beibehalten</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a region name such as eu-west-1.</source>
        <translation>„%1“ ist kein Regionsname wie eu-west-1.</translation>
    </message>
    <message>
        <source>Name at least one region, such as us-east-1.</source>
        <translation>Nennen Sie mindestens eine Region, etwa us-east-1.</translation>
    </message>
    <message>
        <source>Check at least one account.</source>
        <translation>Haken Sie mindestens ein Konto an.</translation>
    </message>
</context>
<context>
    <name>flowdesk::FleetLoginDialog</name>
    <message>
        <source>Open IAM Identity Center fleet</source>
        <translation>IAM-Identity-Center-Flotte öffnen</translation>
    </message>
    <message>
        <source>%1 has no IAM Identity Center login (`aws configure sso-session` adds one). Enter your AWS access portal URL, or try the demo fleet.</source>
        <translation>%1 enthält keine IAM-Identity-Center-Anmeldung (`aws configure sso-session` legt eine an). Geben Sie die URL Ihres AWS-Zugangsportals ein oder probieren Sie die Demo-Flotte aus.</translation>
    </message>
    <message>
        <source>Read every account of an IAM Identity Center login: an sso-session or profile of %1, or an AWS access portal URL.</source>
        <translation>Jedes Konto einer IAM-Identity-Center-Anmeldung lesen: eine sso-session oder ein Profil aus %1 oder eine URL des AWS-Zugangsportals.</translation>
    </message>
    <message>
        <source>IAM Identity Center login</source>
        <translation>IAM-Identity-Center-Anmeldung</translation>
    </message>
    <message>
        <source>AWS access portal URL and region…</source>
        <translation>URL des AWS-Zugangsportals und Region…</translation>
    </message>
    <message>
        <source>Demo fleet (built-in simulator)</source>
        <translation>Demo-Flotte (eingebauter Simulator)</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Anmeldung:</translation>
    </message>
    <message>
        <source>AWS access portal URL</source>
        <translation>URL des AWS-Zugangsportals</translation>
    </message>
    <message>
        <source>Portal &amp;URL:</source>
        <translation>Portal-&amp;URL:</translation>
    </message>
    <message>
        <source>IAM Identity Center region</source>
        <translation>Region des IAM Identity Center</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Region:</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Open a Fleet tab that reads every account of this login</source>
        <translation>Einen Flotten-Tab öffnen, der jedes Konto dieser Anmeldung liest</translation>
    </message>
    <message>
        <source>Close without opening a fleet</source>
        <translation>Schließen, ohne eine Flotte zu öffnen</translation>
    </message>
</context>
<context>
    <name>flowdesk::FleetPage</name>
    <message>
        <source>Fleet status</source>
        <translation>Flottenstatus</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>An&amp;melden…</translation>
    </message>
    <message>
        <source>Sign in to IAM Identity Center in the browser, as aws sso login does</source>
        <translation>Im Browser bei IAM Identity Center anmelden, wie es aws sso login tut</translation>
    </message>
    <message>
        <source>&amp;Accounts and regions…</source>
        <translation>&amp;Konten und Regionen…</translation>
    </message>
    <message>
        <source>Choose which accounts, roles and regions to read</source>
        <translation>Wählen, welche Konten, Rollen und Regionen gelesen werden</translation>
    </message>
    <message>
        <source>Re&amp;ad again</source>
        <translation>&amp;Erneut lesen</translation>
    </message>
    <message>
        <source>Read the active runs of every chosen account and region again</source>
        <translation>Die aktiven Ausführungen aller gewählten Konten und Regionen erneut lesen</translation>
    </message>
    <message>
        <source>Accounts and regions</source>
        <translation>Konten und Regionen</translation>
    </message>
    <message>
        <source>One row per account and region: flows, active runs and how reading went</source>
        <translation>Eine Zeile je Konto und Region: Flows, aktive Ausführungen und wie das Lesen verlief</translation>
    </message>
    <message>
        <source>Active runs across the fleet</source>
        <translation>Aktive Ausführungen der ganzen Flotte</translation>
    </message>
    <message>
        <source>Filter by account, region or flow</source>
        <translation>Nach Konto, Region oder Flow filtern</translation>
    </message>
    <message>
        <source>Filter active runs</source>
        <translation>Aktive Ausführungen filtern</translation>
    </message>
    <message>
        <source>&amp;Cancel selected runs…</source>
        <translation>Ausgewählte Ausführungen &amp;abbrechen…</translation>
    </message>
    <message>
        <source>Cancel the selected runs in their accounts, after a confirmation</source>
        <translation>Die ausgewählten Ausführungen in ihren Konten abbrechen, nach einer Bestätigung</translation>
    </message>
    <message>
        <source>Every run in progress or cancelling, with its account and region</source>
        <translation>Jede laufende oder abbrechende Ausführung, mit Konto und Region</translation>
    </message>
    <message>
        <source>Fleet · %1</source>
        <translation>Flotte · %1</translation>
    </message>
    <message>
        <source>Listing the accounts of %1…</source>
        <translation>Die Konten von %1 werden aufgelistet…</translation>
    </message>
    <message>
        <source>IAM Identity Center assigns no account to this login.</source>
        <translation>IAM Identity Center weist dieser Anmeldung kein Konto zu.</translation>
    </message>
    <message>
        <source>The accounts could not be listed: %1</source>
        <translation>Die Konten konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Approve code %1 in the browser (the page %2 was opened), then return here. Flowdesk waits for the approval.</source>
        <translation>Bestätigen Sie den Code %1 im Browser (die Seite %2 wurde geöffnet) und kehren Sie dann hierher zurück. Flowdesk wartet auf die Bestätigung.</translation>
    </message>
    <message>
        <source>Starting the sign-in…</source>
        <translation>Die Anmeldung wird gestartet…</translation>
    </message>
    <message>
        <source>No accounts chosen yet: choose the accounts and regions to read.</source>
        <translation>Noch keine Konten gewählt: Wählen Sie die zu lesenden Konten und Regionen.</translation>
    </message>
    <message>
        <source>Reading %1: %2</source>
        <translation>%1 wird gelesen: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source> · %n active run(s) found</source>
        <translation>
            <numerusform> · %n aktive Ausführung gefunden</numerusform>
            <numerusform> · %n aktive Ausführungen gefunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n could not be read (see State)</source>
        <translation>
            <numerusform> · %n konnte nicht gelesen werden (siehe Zustand)</numerusform>
            <numerusform> · %n konnten nicht gelesen werden (siehe Zustand)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n read in part</source>
        <translation>
            <numerusform> · %n teilweise gelesen</numerusform>
            <numerusform> · %n teilweise gelesen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Select runs that are in progress to cancel them.</source>
        <translation>Wählen Sie laufende Ausführungen aus, um sie abzubrechen.</translation>
    </message>
    <message>
        <source>Checking the flow settings before cancelling…</source>
        <translation>Die Flow-Einstellungen werden vor dem Abbruch geprüft…</translation>
    </message>
    <message>
        <source>&amp;Group by:</source>
        <translation>&amp;Gruppieren nach:</translation>
    </message>
    <message>
        <source>Group active runs by</source>
        <translation>Aktive Ausführungen gruppieren nach</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Flow</translation>
    </message>
    <message>
        <source>Nothing (one list)</source>
        <translation>Nichts (eine Liste)</translation>
    </message>
    <message>
        <source>Co&amp;llapse all</source>
        <translation>Alle &amp;zuklappen</translation>
    </message>
    <message>
        <source>Fold or unfold every group of active runs</source>
        <translation>Jede Gruppe aktiver Ausführungen zu- oder aufklappen</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n active run(s)</source>
        <translation>
            <numerusform>%1 · %n aktive Ausführung</numerusform>
            <numerusform>%1 · %n aktive Ausführungen</numerusform>
        </translation>
    </message>
    <message>
        <source>E&amp;xpand all</source>
        <translation>Alle a&amp;ufklappen</translation>
    </message>
</context>
<context>
    <name>flowdesk::HistoryWindow</name>
    <message>
        <source>Cancel History</source>
        <translation>Abbruchverlauf</translation>
    </message>
    <message>
        <source>Cancel history</source>
        <translation>Abbruchverlauf</translation>
    </message>
    <message>
        <source>&amp;Flow:</source>
        <translation>&amp;Flow:</translation>
    </message>
    <message>
        <source>Show the cancels of one flow only</source>
        <translation>Nur die Abbrüche eines Flows zeigen</translation>
    </message>
    <message>
        <source>Show the cancels of flow</source>
        <translation>Die Abbrüche dieses Flows zeigen</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>Neu &amp;laden</translation>
    </message>
    <message>
        <source>Read the audit log file again (F5)</source>
        <translation>Die Datei des Prüfprotokolls erneut lesen (F5)</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>CSV &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <source>Save the entries shown (all columns, oldest first) as a CSV file</source>
        <translation>Die gezeigten Einträge (alle Spalten, älteste zuerst) als CSV-Datei speichern</translation>
    </message>
    <message>
        <source>Cancel history entries</source>
        <translation>Einträge des Abbruchverlaufs</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Log file: %1</source>
        <translation>Protokolldatei: %1</translation>
    </message>
    <message>
        <source>All flows</source>
        <translation>Alle Flows</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n damaged line(s) skipped (line(s) %1). Every other line was read.</source>
        <translation>
            <numerusform>%n beschädigte Zeile übersprungen (Zeile %1). Jede andere Zeile wurde gelesen.</numerusform>
            <numerusform>%n beschädigte Zeilen übersprungen (Zeilen %1). Jede andere Zeile wurde gelesen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The cancel history cannot be shown.</source>
        <translation>Der Abbruchverlauf kann nicht angezeigt werden.</translation>
    </message>
    <message>
        <source>Check that the file is readable by you, then press Reload.</source>
        <translation>Prüfen Sie, ob Sie die Datei lesen dürfen, und drücken Sie dann „Neu laden“.</translation>
    </message>
    <message>
        <source>No cancels recorded yet</source>
        <translation>Noch keine Abbrüche aufgezeichnet</translation>
    </message>
    <message>
        <source>Every cancel you confirm in Flowdesk is written here before its request is sent, and again with its result.</source>
        <translation>Jeder Abbruch, den Sie in Flowdesk bestätigen, wird hier eingetragen, bevor seine Anfrage gesendet wird, und noch einmal mit seinem Ergebnis.</translation>
    </message>
    <message>
        <source>Not loaded.</source>
        <translation>Nicht geladen.</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) loaded.</source>
        <translation>
            <numerusform>%n Eintrag geladen.</numerusform>
            <numerusform>%n Einträge geladen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing %1 of %n entry(s).</source>
        <translation>
            <numerusform>%1 von %n Eintrag angezeigt.</numerusform>
            <numerusform>%1 von %n Einträgen angezeigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Cancel History</source>
        <translation>Abbruchverlauf exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Choose another folder or file name.</source>
        <translation>Wählen Sie einen anderen Ordner oder Dateinamen.</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Nach %1 exportiert.</translation>
    </message>
</context>
<context>
    <name>flowdesk::MainWindow</name>
    <message>
        <source>Flowdesk</source>
        <translation>Flowdesk</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>One tab per open connection, and All active runs across them</source>
        <translation>Ein Tab je offener Verbindung und „Alle aktiven Ausführungen“ über alle</translation>
    </message>
    <message>
        <source>All active runs</source>
        <translation>Alle aktiven Ausführungen</translation>
    </message>
    <message>
        <source>%1+</source>
        <translation>%1+</translation>
    </message>
    <message>
        <source>All active runs (%1)</source>
        <translation>Alle aktiven Ausführungen (%1)</translation>
    </message>
    <message>
        <source>Free disk space or fix the permissions of %1, then try again.</source>
        <translation>Schaffen Sie Platz auf dem Datenträger oder korrigieren Sie die Zugriffsrechte von %1 und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>&amp;Open connection…</source>
        <translation>Verbindung ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open another AWS profile, account or region in a new tab</source>
        <translation>Ein weiteres AWS-Profil, Konto oder eine weitere Region in einem neuen Tab öffnen</translation>
    </message>
    <message>
        <source>&amp;Close connection</source>
        <translation>Verbindung &amp;schließen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Read flows and runs again from AppFlow</source>
        <translation>Flows und Ausführungen erneut von AppFlow lesen</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>A&amp;nhalten</translation>
    </message>
    <message>
        <source>Stop the refresh in progress; what was read so far stays, marked as partial</source>
        <translation>Die laufende Aktualisierung anhalten; das bisher Gelesene bleibt, als unvollständig markiert</translation>
    </message>
    <message>
        <source>Cancel selected runs…</source>
        <translation>Ausgewählte Ausführungen abbrechen…</translation>
    </message>
    <message>
        <source>Cancel the runs selected in the table, after a confirmation that says what cancelling costs</source>
        <translation>Die in der Tabelle ausgewählten Ausführungen abbrechen, nach einer Bestätigung, die sagt, was der Abbruch kostet</translation>
    </message>
    <message>
        <source>Cancel all active runs of this flow…</source>
        <translation>Alle aktiven Ausführungen dieses Flows abbrechen…</translation>
    </message>
    <message>
        <source>Cancel every run of the selected flow that is in progress now, after a confirmation</source>
        <translation>Jede jetzt laufende Ausführung des gewählten Flows abbrechen, nach einer Bestätigung</translation>
    </message>
    <message>
        <source>Cancel every active run…</source>
        <translation>Jede aktive Ausführung abbrechen…</translation>
    </message>
    <message>
        <source>&amp;Deactivate flow…</source>
        <translation>Flow &amp;deaktivieren…</translation>
    </message>
    <message>
        <source>Stop new scheduled or event runs of this flow (StopFlow); runs in progress go on</source>
        <translation>Neue geplante oder ereignisgesteuerte Ausführungen dieses Flows verhindern (StopFlow); laufende Ausführungen gehen weiter</translation>
    </message>
    <message>
        <source>&amp;Start run</source>
        <translation>Ausführung &amp;starten</translation>
    </message>
    <message>
        <source>Start a run of this on-demand flow now (StartFlow)</source>
        <translation>Jetzt eine Ausführung dieses Bei-Bedarf-Flows starten (StartFlow)</translation>
    </message>
    <message>
        <source>Cancel &amp;history</source>
        <translation>Abbruch&amp;verlauf</translation>
    </message>
    <message>
        <source>Every cancel Flowdesk sent, from the audit log</source>
        <translation>Jeder Abbruch, den Flowdesk gesendet hat, aus dem Prüfprotokoll</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;About Flowdesk</source>
        <translation>Ü&amp;ber Flowdesk</translation>
    </message>
    <message>
        <source>About Flowdesk</source>
        <translation>Über Flowdesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;Flowdesk %1&lt;/b&gt;&lt;p&gt;Administer Amazon AppFlow flows and their runs.&lt;/p&gt;&lt;p&gt;Qt %2, %3 build.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Flowdesk %1&lt;/b&gt;&lt;p&gt;Amazon-AppFlow-Flows und ihre Ausführungen verwalten.&lt;/p&gt;&lt;p&gt;Qt %2, %3-Build.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>A&amp;usführungen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source> DEMO </source>
        <translation> DEMO </translation>
    </message>
    <message>
        <source>Connected to Flowdesk&apos;s built-in AppFlow simulator: nothing here touches AWS.</source>
        <translation>Mit dem eingebauten AppFlow-Simulator von Flowdesk verbunden: Nichts hier berührt AWS.</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Active connection</source>
        <translation>Aktive Verbindung</translation>
    </message>
    <message>
        <source>%1 is already open.</source>
        <translation>%1 ist bereits offen.</translation>
    </message>
    <message>
        <source>Refresh stopped — showing data from %1.</source>
        <translation>Aktualisierung angehalten – gezeigt werden Daten von %1.</translation>
    </message>
    <message>
        <source>Refresh stopped — nothing has been loaded yet.</source>
        <translation>Aktualisierung angehalten – es wurde noch nichts geladen.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Press F5 to refresh again.</source>
        <translation>Drücken Sie F5, um erneut zu aktualisieren.</translation>
    </message>
    <message>
        <source>%1 of %2 flows (%3 not read)</source>
        <translation>%1 von %2 Flows (%3 nicht gelesen)</translation>
    </message>
    <message>
        <source>%1 of %2 flows</source>
        <translation>%1 von %2 Flows</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>nicht gefunden</translation>
    </message>
    <message numerus="yes">
        <source>%n cancel(s) from %1 were not confirmed before Flowdesk closed.</source>
        <translation>
            <numerusform>%n Abbruch von %1 wurde vor dem Beenden von Flowdesk nicht bestätigt.</numerusform>
            <numerusform>%n Abbrüche von %1 wurden vor dem Beenden von Flowdesk nicht bestätigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Their runs now: %1.</source>
        <translation>Ihre Ausführungen jetzt: %1.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>What AppFlow shows now is recorded in Cancel history. A run still in progress was not cancelled: cancel it again if needed.</source>
        <translation>Was AppFlow jetzt zeigt, ist im Abbruchverlauf festgehalten. Eine noch laufende Ausführung wurde nicht abgebrochen: Brechen Sie sie bei Bedarf erneut ab.</translation>
    </message>
    <message>
        <source>Earlier cancels of %1 were not confirmed before Flowdesk closed, and their runs could not be read now.</source>
        <translation>Frühere Abbrüche von %1 wurden vor dem Beenden von Flowdesk nicht bestätigt, und ihre Ausführungen konnten jetzt nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Flowdesk checks them again at the next start; Cancel history lists them as “No result recorded”.</source>
        <translation>Flowdesk prüft sie beim nächsten Start erneut; der Abbruchverlauf führt sie als „Kein Ergebnis aufgezeichnet“.</translation>
    </message>
    <message>
        <source>Some of it could not be written to the audit log.</source>
        <translation>Einiges davon konnte nicht ins Prüfprotokoll geschrieben werden.</translation>
    </message>
    <message>
        <source>Cancel history</source>
        <translation>Abbruchverlauf</translation>
    </message>
    <message>
        <source>%1 cannot be closed yet: a cancel is still being sent there.</source>
        <translation>%1 kann noch nicht geschlossen werden: Dorthin wird noch ein Abbruch gesendet.</translation>
    </message>
    <message>
        <source>Close it again once the cancel window says every request has answered.</source>
        <translation>Schließen Sie es erneut, sobald das Abbruchfenster meldet, dass jede Anfrage beantwortet ist.</translation>
    </message>
    <message>
        <source>Close connection</source>
        <translation>Verbindung schließen</translation>
    </message>
    <message>
        <source>Close %1? Its cancel result window closes with it; what was cancelled stays in Cancel History.</source>
        <translation>%1 schließen? Das Fenster mit seinen Abbruchergebnissen wird mit geschlossen; was abgebrochen wurde, bleibt im Abbruchverlauf.</translation>
    </message>
    <message>
        <source>&amp;Connections sidebar</source>
        <translation>Seitenleiste „&amp;Verbindungen“</translation>
    </message>
    <message>
        <source>Opening connections is not available in this window.</source>
        <translation>Verbindungen lassen sich in diesem Fenster nicht öffnen.</translation>
    </message>
    <message>
        <source>Flowdesk could not open the connection.</source>
        <translation>Flowdesk konnte die Verbindung nicht öffnen.</translation>
    </message>
    <message>
        <source>Fix what is named above, then open the connection again.</source>
        <translation>Beheben Sie, was oben genannt ist, und öffnen Sie die Verbindung dann erneut.</translation>
    </message>
    <message>
        <source>Open connection…</source>
        <translation>Verbindung öffnen…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Flows and runs of %1 (%2 closes it)</source>
        <translation>Flows und Ausführungen von %1 (%2 schließt)</translation>
    </message>
    <message>
        <source>Every run in progress or being cancelled, in every open connection</source>
        <translation>Jede laufende oder gerade abgebrochene Ausführung in jeder offenen Verbindung</translation>
    </message>
    <message>
        <source>Refresh flow list</source>
        <translation>Flow-Liste aktualisieren</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s)…</source>
        <translation>
            <numerusform>%n Ausführung abbrechen…</numerusform>
            <numerusform>%n Ausführungen abbrechen…</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected — File → Open connection… (Ctrl+O)</source>
        <translation>Nicht verbunden – Datei → Verbindung öffnen… (Strg+O)</translation>
    </message>
    <message>
        <source>Flowdesk — Demo</source>
        <translation>Flowdesk – Demo</translation>
    </message>
    <message>
        <source>Flowdesk — %1</source>
        <translation>Flowdesk – %1</translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s): %1</source>
        <translation>
            <numerusform>%n Verbindung: %1</numerusform>
            <numerusform>%n Verbindungen: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Flowdesk — %n connection(s)</source>
        <translation>
            <numerusform>Flowdesk – %n Verbindung</numerusform>
            <numerusform>Flowdesk – %n Verbindungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Listing flows…</source>
        <translation>Flows werden aufgelistet…</translation>
    </message>
    <message>
        <source>Waiting for %1… (%2 s)</source>
        <translation>Warten auf %1… (%2 s)</translation>
    </message>
    <message>
        <source>the flow list is incomplete (%1); flows on the pages not read are missing or as last listed</source>
        <translation>die Flow-Liste ist unvollständig (%1); Flows auf den nicht gelesenen Seiten fehlen oder haben den Stand der letzten Auflistung</translation>
    </message>
    <message>
        <source>not read</source>
        <translation>nicht gelesen</translation>
    </message>
    <message>
        <source>runs of “%1” not read (%2)</source>
        <translation>Ausführungen von „%1“ nicht gelesen (%2)</translation>
    </message>
    <message>
        <source>last complete refresh %1</source>
        <translation>letzte vollständige Aktualisierung %1</translation>
    </message>
    <message>
        <source>Refresh stopped — showing data from %1</source>
        <translation>Aktualisierung angehalten – Daten von %1</translation>
    </message>
    <message>
        <source>Refresh stopped — not loaded</source>
        <translation>Aktualisierung angehalten – nicht geladen</translation>
    </message>
    <message>
        <source>flow list incomplete</source>
        <translation>Flow-Liste unvollständig</translation>
    </message>
    <message numerus="yes">
        <source>%n flow(s) not read</source>
        <translation>
            <numerusform>%n Flow nicht gelesen</numerusform>
            <numerusform>%n Flows nicht gelesen</numerusform>
        </translation>
    </message>
    <message>
        <source>Partly refreshed %1 — %2</source>
        <translation>Teilweise aktualisiert %1 – %2</translation>
    </message>
    <message>
        <source>Not refreshed — %1</source>
        <translation>Nicht aktualisiert – %1</translation>
    </message>
    <message>
        <source>Refreshed %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
    <message>
        <source>Partly refreshed %1</source>
        <translation>Teilweise aktualisiert %1</translation>
    </message>
    <message>
        <source>Not refreshed yet</source>
        <translation>Noch nicht aktualisiert</translation>
    </message>
    <message>
        <source>Getting credentials for %1 failed.</source>
        <translation>Anmeldedaten für %1 konnten nicht beschafft werden.</translation>
    </message>
    <message>
        <source>Fix what is named above, then press F5.</source>
        <translation>Beheben Sie, was oben genannt ist, und drücken Sie dann F5.</translation>
    </message>
    <message>
        <source>Deactivate flow</source>
        <translation>Flow deaktivieren</translation>
    </message>
    <message>
        <source>Deactivate “%1” in %2?

No new scheduled or event runs will start until the flow is activated again. Runs already in progress continue.</source>
        <translation>„%1“ in %2 deaktivieren?

Es starten keine neuen geplanten oder ereignisgesteuerten Ausführungen, bis der Flow wieder aktiviert wird. Bereits laufende Ausführungen gehen weiter.</translation>
    </message>
    <message>
        <source>“%1” is now %2.</source>
        <translation>„%1“ ist jetzt %2.</translation>
    </message>
    <message>
        <source>Started run %1 of “%2”.</source>
        <translation>Ausführung %1 von „%2“ gestartet.</translation>
    </message>
    <message>
        <source>Flowdesk cannot close yet: a cancel is still being sent to %1.</source>
        <translation>Flowdesk kann noch nicht beendet werden: An %1 wird noch ein Abbruch gesendet.</translation>
    </message>
    <message>
        <source>The fleet cannot close while a cancel is being sent; try again when its results window says the requests are done.</source>
        <translation>Die Flotte kann nicht geschlossen werden, während ein Abbruch gesendet wird; versuchen Sie es erneut, wenn das Ergebnisfenster meldet, dass die Anfragen erledigt sind.</translation>
    </message>
    <message>
        <source>Open IAM Identity Center &amp;fleet…</source>
        <translation>IAM-Identity-Center-&amp;Flotte öffnen…</translation>
    </message>
    <message>
        <source>Read the active runs of every account an IAM Identity Center login reaches</source>
        <translation>Die aktiven Ausführungen aller Konten lesen, die eine IAM-Identity-Center-Anmeldung erreicht</translation>
    </message>
    <message>
        <source>Every chosen account and region of %1, and their active runs</source>
        <translation>Alle gewählten Konten und Regionen von %1 und ihre aktiven Ausführungen</translation>
    </message>
    <message>
        <source>IAM Identity Center · %1</source>
        <translation>IAM Identity Center · %1</translation>
    </message>
</context>
<context>
    <name>flowdesk::MessageBar</name>
    <message>
        <source>Messages</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the request ID (AWS Support asks for it)</source>
        <translation>Die Anfrage-ID kopieren (der AWS-Support fragt danach)</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Meldung schließen</translation>
    </message>
    <message>
        <source>Request ID: %1</source>
        <translation>Anfrage-ID: %1</translation>
    </message>
</context>
<context>
    <name>flowdesk::MfaPromptDialog</name>
    <message>
        <source>MFA code for profile %1</source>
        <translation>MFA-Code für Profil %1</translation>
    </message>
    <message>
        <source>Profile &lt;b&gt;%1&lt;/b&gt; assumes a role that requires multi-factor authentication. Enter the 6-digit code your MFA device shows now.</source>
        <translation>Profil &lt;b&gt;%1&lt;/b&gt; übernimmt eine Rolle, die Multi-Faktor-Authentifizierung verlangt. Geben Sie den 6-stelligen Code ein, den Ihr MFA-Gerät gerade zeigt.</translation>
    </message>
    <message>
        <source>Six-digit MFA code</source>
        <translation>Sechsstelliger MFA-Code</translation>
    </message>
    <message>
        <source>123456</source>
        <translation>123456</translation>
    </message>
    <message>
        <source>MFA device:</source>
        <translation>MFA-Gerät:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rolle:</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <source>Send the code to AWS to get temporary credentials for the role</source>
        <translation>Den Code an AWS senden, um temporäre Anmeldedaten für die Rolle zu erhalten</translation>
    </message>
    <message>
        <source>Do not connect; nothing is sent to AWS</source>
        <translation>Nicht verbinden; nichts wird an AWS gesendet</translation>
    </message>
    <message>
        <source>Enter the 6-digit code from your MFA device.</source>
        <translation>Geben Sie den 6-stelligen Code Ihres MFA-Geräts ein.</translation>
    </message>
    <message>
        <source>MFA codes have 6 digits; this one has %1.</source>
        <translation>MFA-Codes haben 6 Ziffern; dieser hat %1.</translation>
    </message>
</context>
<context>
    <name>flowdesk::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Apply these preferences and close</source>
        <translation>Diese Einstellungen übernehmen und schließen</translation>
    </message>
    <message>
        <source>Close without changing anything</source>
        <translation>Schließen, ohne etwas zu ändern</translation>
    </message>
    <message>
        <source>Put Flowdesk&apos;s default values in every field</source>
        <translation>Die Standardwerte von Flowdesk in jedes Feld eintragen</translation>
    </message>
    <message>
        <source>Refreshing and requests</source>
        <translation>Aktualisierung und Anfragen</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Auto-refresh interval in seconds, 0 for off</source>
        <translation>Intervall der automatischen Aktualisierung in Sekunden, 0 für aus</translation>
    </message>
    <message>
        <source>While any run is in progress, its flow&apos;s runs are refreshed this often. 0 turns it off: press F5 to refresh.</source>
        <translation>Solange eine Ausführung läuft, werden die Ausführungen ihres Flows so oft aktualisiert. 0 schaltet das aus: Drücken Sie F5 zum Aktualisieren.</translation>
    </message>
    <message>
        <source>Request timeout in seconds</source>
        <translation>Zeitüberschreitung der Anfragen in Sekunden</translation>
    </message>
    <message>
        <source>A request that has not been answered in this time fails with a timeout (and is retried when that is safe).</source>
        <translation>Eine Anfrage, die in dieser Zeit nicht beantwortet wurde, scheitert mit einer Zeitüberschreitung (und wird wiederholt, wenn das sicher ist).</translation>
    </message>
    <message>
        <source> at a time</source>
        <translation> gleichzeitig</translation>
    </message>
    <message>
        <source>Maximum requests at a time</source>
        <translation>Höchstzahl gleichzeitiger Anfragen</translation>
    </message>
    <message>
        <source>How many requests Flowdesk sends to AppFlow at once. Lower it if AppFlow answers with throttling errors.</source>
        <translation>Wie viele Anfragen Flowdesk gleichzeitig an AppFlow sendet. Verringern Sie den Wert, wenn AppFlow mit Drosselungsfehlern antwortet.</translation>
    </message>
    <message>
        <source>&amp;Auto-refresh active runs every:</source>
        <translation>Aktive Ausführungen &amp;automatisch aktualisieren alle:</translation>
    </message>
    <message>
        <source>Request &amp;timeout:</source>
        <translation>&amp;Zeitüberschreitung der Anfragen:</translation>
    </message>
    <message>
        <source>&amp;Concurrent requests:</source>
        <translation>&amp;Gleichzeitige Anfragen:</translation>
    </message>
    <message>
        <source>Cancelling</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Ask to t&amp;ype the flow name before cancelling all runs</source>
        <translation>Vor dem Abbrechen aller Ausführungen den Flow-Namen ein&amp;tippen lassen</translation>
    </message>
    <message>
        <source>“Cancel all active runs” then needs the flow name typed in the confirmation, so it cannot happen with one stray click or keypress.</source>
        <translation>„Alle aktiven Ausführungen abbrechen“ verlangt dann den Flow-Namen in der Bestätigung, damit es nicht durch einen versehentlichen Klick oder Tastendruck geschieht.</translation>
    </message>
    <message>
        <source>Network proxy</source>
        <translation>Netzwerk-Proxy</translation>
    </message>
    <message>
        <source>Use the &amp;system proxy settings</source>
        <translation>Die &amp;Proxy-Einstellungen des Systems verwenden</translation>
    </message>
    <message>
        <source>Use the proxy settings of the system and the environment</source>
        <translation>Die Proxy-Einstellungen des Systems und der Umgebung verwenden</translation>
    </message>
    <message>
        <source>Use this &amp;HTTP proxy:</source>
        <translation>Diesen &amp;HTTP-Proxy verwenden:</translation>
    </message>
    <message>
        <source>Send requests through the HTTP proxy given below</source>
        <translation>Anfragen über den unten angegebenen HTTP-Proxy senden</translation>
    </message>
    <message>
        <source>proxy.example.com</source>
        <translation>proxy.example.com</translation>
    </message>
    <message>
        <source>Proxy host</source>
        <translation>Proxy-Host</translation>
    </message>
    <message>
        <source>Port of the HTTP proxy, 1 to 65535</source>
        <translation>Port des HTTP-Proxys, 1 bis 65535</translation>
    </message>
    <message>
        <source>Proxy port</source>
        <translation>Proxy-Port</translation>
    </message>
    <message>
        <source>H&amp;ost:</source>
        <translation>H&amp;ost:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>Po&amp;rt:</translation>
    </message>
    <message>
        <source>Connections to this computer (demo mode) never use a proxy.</source>
        <translation>Verbindungen zu diesem Computer (Demo-Modus) verwenden nie einen Proxy.</translation>
    </message>
    <message>
        <source>Enter the proxy’s host name or IP address, or use the system settings.</source>
        <translation>Geben Sie den Hostnamen oder die IP-Adresse des Proxys ein oder verwenden Sie die Systemeinstellungen.</translation>
    </message>
    <message>
        <source>Enter only the host name, without “http://” (the port has its own field).</source>
        <translation>Geben Sie nur den Hostnamen ein, ohne „http://“ (der Port hat ein eigenes Feld).</translation>
    </message>
    <message>
        <source>A host name cannot contain spaces or “/”: enter only the host name.</source>
        <translation>Ein Hostname kann keine Leerzeichen oder „/“ enthalten: Geben Sie nur den Hostnamen ein.</translation>
    </message>
    <message>
        <source>Enter the proxy’s port, from 1 to 65535 (often 3128 or 8080).</source>
        <translation>Geben Sie den Port des Proxys ein, von 1 bis 65535 (oft 3128 oder 8080).</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>Language of Flowdesk&apos;s texts</source>
        <translation>Sprache der Texte von Flowdesk</translation>
    </message>
    <message>
        <source>System default follows the desktop&apos;s language: German if it asks for German, else English</source>
        <translation>Die Systemvorgabe folgt der Sprache des Desktops: Deutsch, wenn er Deutsch verlangt, sonst Englisch</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Applies the next time Flowdesk starts.</source>
        <translation>Gilt ab dem nächsten Start von Flowdesk.</translation>
    </message>
    <message>
        <source>For now FLOWDESK_LANGUAGE=%1 in the environment decides.</source>
        <translation>Derzeit entscheidet FLOWDESK_LANGUAGE=%1 in der Umgebung.</translation>
    </message>
</context>
<context>
    <name>flowdesk::TimelineView</name>
    <message>
        <source>Timeline</source>
        <translation>Zeitachse</translation>
    </message>
    <message>
        <source>Each run as a bar from its start to its end or now, coloured by status. Up and Down select runs, + and - zoom, Home shows everything.</source>
        <translation>Jede Ausführung als Balken von ihrem Start bis zu ihrem Ende oder bis jetzt, nach Status gefärbt. Pfeil auf und ab wählen Ausführungen, + und - zoomen, Pos1 zeigt alles.</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>No runs to show.</source>
        <translation>Keine Ausführungen anzuzeigen.</translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation>Gestartet %1</translation>
    </message>
    <message>
        <source>still going</source>
        <translation>läuft noch</translation>
    </message>
    <message>
        <source>Last updated %1</source>
        <translation>Zuletzt aktualisiert %1</translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::AssumeRoleCredentialSource</name>
    <message>
        <source>profile %1 (role %2)</source>
        <translation>Profil %1 (Rolle %2)</translation>
    </message>
    <message>
        <source>Assuming role %1 for profile &apos;%2&apos;</source>
        <translation>Übernahme der Rolle %1 für Profil &apos;%2&apos;</translation>
    </message>
    <message>
        <source>duration_seconds of profile &apos;%1&apos; is %2; STS accepts 900 to 43200 seconds (and at most the role&apos;s maximum session duration).</source>
        <translation>duration_seconds von Profil &apos;%1&apos; ist %2; STS nimmt 900 bis 43200 Sekunden an (und höchstens die maximale Sitzungsdauer der Rolle).</translation>
    </message>
    <message>
        <source>%1 is not possible: no network access.</source>
        <translation>%1 ist nicht möglich: kein Netzwerkzugang.</translation>
    </message>
    <message>
        <source>%1 failed: the source credentials (%2) are not usable: %3</source>
        <translation>%1 ist fehlgeschlagen: Die Quell-Anmeldedaten (%2) sind nicht verwendbar: %3</translation>
    </message>
    <message>
        <source>%1 needs an MFA code (mfa_serial %2), but Flowdesk has no way to ask for one here.</source>
        <translation>%1 braucht einen MFA-Code (mfa_serial %2), aber Flowdesk kann hier nicht danach fragen.</translation>
    </message>
    <message>
        <source>%1 was cancelled: no MFA code was entered.</source>
        <translation>%1 wurde abgebrochen: Es wurde kein MFA-Code eingegeben.</translation>
    </message>
    <message>
        <source>%1 failed: the MFA code must be the 6 digits your device shows.</source>
        <translation>%1 ist fehlgeschlagen: Der MFA-Code muss aus den 6 Ziffern bestehen, die Ihr Gerät zeigt.</translation>
    </message>
    <message>
        <source>no answer within %1 seconds</source>
        <translation>keine Antwort innerhalb von %1 Sekunden</translation>
    </message>
    <message>
        <source>%1 failed: could not reach STS at %2 (%3). Check the network connection and the STS endpoint.</source>
        <translation>%1 ist fehlgeschlagen: STS unter %2 war nicht erreichbar (%3). Prüfen Sie die Netzwerkverbindung und den STS-Endpunkt.</translation>
    </message>
    <message>
        <source> Check the role&apos;s trust policy, external_id and MFA settings.</source>
        <translation> Prüfen Sie die Vertrauensrichtlinie der Rolle, external_id und die MFA-Einstellungen.</translation>
    </message>
    <message>
        <source> The source credentials were rejected; check them.</source>
        <translation> Die Quell-Anmeldedaten wurden abgelehnt; prüfen Sie sie.</translation>
    </message>
    <message>
        <source> The source credentials have expired; refresh them.</source>
        <translation> Die Quell-Anmeldedaten sind abgelaufen; erneuern Sie sie.</translation>
    </message>
    <message>
        <source>%1 failed: STS answered %2: %3.%4</source>
        <translation>%1 ist fehlgeschlagen: STS antwortete %2: %3.%4</translation>
    </message>
    <message>
        <source>%1 failed: STS answered HTTP %2 with a body that is not an STS error.</source>
        <translation>%1 ist fehlgeschlagen: STS antwortete HTTP %2 mit einem Inhalt, der kein STS-Fehler ist.</translation>
    </message>
    <message>
        <source>%1 failed: STS answered with XML that cannot be read (%2).</source>
        <translation>%1 ist fehlgeschlagen: STS antwortete mit XML, das sich nicht lesen lässt (%2).</translation>
    </message>
    <message>
        <source>empty body</source>
        <translation>leerer Inhalt</translation>
    </message>
    <message>
        <source>%1 failed: STS&apos;s answer lacks the credentials (AccessKeyId, SecretAccessKey, SessionToken, Expiration).</source>
        <translation>%1 ist fehlgeschlagen: Der Antwort von STS fehlen die Anmeldedaten (AccessKeyId, SecretAccessKey, SessionToken, Expiration).</translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::ConnectionResolver</name>
    <message>
        <source>The AWS configuration cannot be read: %1</source>
        <translation>Die AWS-Konfiguration kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The AWS profile &apos;%1&apos; does not exist in %2 or %3.</source>
        <translation>Das AWS-Profil &apos;%1&apos; existiert weder in %2 noch in %3.</translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::CredentialChain</name>
    <message>
        <source>AWS credential chain</source>
        <translation>AWS-Anmeldedatenkette</translation>
    </message>
    <message>
        <source>explicit credentials</source>
        <translation>ausdrücklich angegebene Anmeldedaten</translation>
    </message>
    <message>
        <source>explicit credentials (none given)</source>
        <translation>ausdrücklich angegebene Anmeldedaten (keine angegeben)</translation>
    </message>
    <message>
        <source>environment variables (AWS_ACCESS_KEY_ID is not set)</source>
        <translation>Umgebungsvariablen (AWS_ACCESS_KEY_ID ist nicht gesetzt)</translation>
    </message>
    <message>
        <source>The AWS configuration cannot be read: %1</source>
        <translation>Die AWS-Konfiguration kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The AWS profile &apos;%1&apos; does not exist in %2 or %3. Available profiles: %4.</source>
        <translation>Das AWS-Profil &apos;%1&apos; existiert weder in %2 noch in %3. Vorhandene Profile: %4.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>profile &apos;default&apos; (not in %1 or %2)</source>
        <translation>Profil &apos;default&apos; (nicht in %1 oder %2)</translation>
    </message>
    <message>
        <source>profile &apos;%1&apos; (no aws_access_key_id, credential_process, role_arn or sso_* settings)</source>
        <translation>Profil &apos;%1&apos; (keine Einstellungen aws_access_key_id, credential_process, role_arn oder sso_*)</translation>
    </message>
    <message>
        <source>No AWS credentials found. Tried: %1. Add an account in Flowdesk, run `aws configure`, or set AWS_PROFILE to a profile with credentials.</source>
        <translation>Keine AWS-Anmeldedaten gefunden. Versucht: %1. Fügen Sie in Flowdesk ein Konto hinzu, führen Sie `aws configure` aus oder setzen Sie AWS_PROFILE auf ein Profil mit Anmeldedaten.</translation>
    </message>
    <message>
        <source>Profiles %1 refer to each other through source_profile in a loop. Point one of them at a profile with its own credentials.</source>
        <translation>Die Profile %1 verweisen über source_profile im Kreis aufeinander. Lassen Sie eines davon auf ein Profil mit eigenen Anmeldedaten zeigen.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; reaches its credentials through more than %2 source_profile links (%3 → …). Point a profile nearer the start of that chain at a profile with its own credentials.</source>
        <translation>Profil &apos;%1&apos; erreicht seine Anmeldedaten über mehr als %2 source_profile-Verweise (%3 → …). Lassen Sie ein Profil näher am Anfang dieser Kette auf ein Profil mit eigenen Anmeldedaten zeigen.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; (%2) has both source_profile and credential_source; keep only one.</source>
        <translation>Profil &apos;%1&apos; (%2) hat sowohl source_profile als auch credential_source; behalten Sie nur eines.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; uses web_identity_token_file, which Flowdesk does not support. Use a profile with source_profile, SSO or keys.</source>
        <translation>Profil &apos;%1&apos; verwendet web_identity_token_file, was Flowdesk nicht unterstützt. Verwenden Sie ein Profil mit source_profile, SSO oder Schlüsseln.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; (%2) has role_arn but neither source_profile nor credential_source, so there are no credentials to assume the role with. Add source_profile = &lt;profile with keys&gt;.</source>
        <translation>Profil &apos;%1&apos; (%2) hat role_arn, aber weder source_profile noch credential_source, also keine Anmeldedaten, mit denen die Rolle übernommen werden kann. Fügen Sie source_profile = &lt;Profil mit Schlüsseln&gt; hinzu.</translation>
    </message>
    <message>
        <source>credential_source = %1 in profile &apos;%2&apos; is not supported by Flowdesk (only Environment is); use source_profile instead.</source>
        <translation>credential_source = %1 in Profil &apos;%2&apos; wird von Flowdesk nicht unterstützt (nur Environment); verwenden Sie stattdessen source_profile.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; takes its source credentials from the environment (credential_source = Environment), but AWS_ACCESS_KEY_ID is not set.</source>
        <translation>Profil &apos;%1&apos; bezieht seine Quell-Anmeldedaten aus der Umgebung (credential_source = Environment), aber AWS_ACCESS_KEY_ID ist nicht gesetzt.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; names itself as source_profile but has no usable keys: %2</source>
        <translation>Profil &apos;%1&apos; nennt sich selbst als source_profile, hat aber keine verwendbaren Schlüssel: %2</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; has source_profile = %2, but there is no profile &apos;%2&apos; in %3 or %4.</source>
        <translation>Profil &apos;%1&apos; hat source_profile = %2, aber es gibt kein Profil &apos;%2&apos; in %3 oder %4.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; (the source_profile of &apos;%2&apos;) has no credentials (no keys, role_arn, SSO settings or credential_process).</source>
        <translation>Profil &apos;%1&apos; (das source_profile von &apos;%2&apos;) hat keine Anmeldedaten (keine Schlüssel, kein role_arn, keine SSO-Einstellungen und kein credential_process).</translation>
    </message>
    <message>
        <source>duration_seconds of profile &apos;%1&apos; is not a number of seconds.</source>
        <translation>duration_seconds von Profil &apos;%1&apos; ist keine Anzahl von Sekunden.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; uses sso_session = %2, but %3 has no [sso-session %2] section. Run `aws configure sso`.</source>
        <translation>Profil &apos;%1&apos; verwendet sso_session = %2, aber %3 hat keinen Abschnitt [sso-session %2]. Führen Sie `aws configure sso` aus.</translation>
    </message>
    <message>
        <source>The [sso-session %1] section in %2 lacks %3.</source>
        <translation>Dem Abschnitt [sso-session %1] in %2 fehlt %3.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; is set up for IAM Identity Center but lacks %2. Run `aws configure sso --profile %1`.</source>
        <translation>Profil &apos;%1&apos; ist für IAM Identity Center eingerichtet, aber ihm fehlt %2. Führen Sie `aws configure sso --profile %1` aus.</translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::EnvironmentCredentialSource</name>
    <message>
        <source>AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not. Set both, or unset both to use a profile.</source>
        <translation>AWS_SECRET_ACCESS_KEY ist gesetzt, AWS_ACCESS_KEY_ID aber nicht. Setzen Sie beide oder entfernen Sie beide, um ein Profil zu verwenden.</translation>
    </message>
    <message>
        <source>AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not. Set both, or unset both to use a profile.</source>
        <translation>AWS_ACCESS_KEY_ID ist gesetzt, AWS_SECRET_ACCESS_KEY aber nicht. Setzen Sie beide oder entfernen Sie beide, um ein Profil zu verwenden.</translation>
    </message>
    <message>
        <source>AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 time (&quot;%1&quot;); use e.g. 2030-01-31T12:00:00Z or unset it.</source>
        <translation>AWS_CREDENTIAL_EXPIRATION ist keine ISO-8601-Zeit („%1“); verwenden Sie z. B. 2030-01-31T12:00:00Z oder entfernen Sie die Variable.</translation>
    </message>
    <message>
        <source>The credentials in the environment expired at %1 (AWS_CREDENTIAL_EXPIRATION). Set fresh ones.</source>
        <translation>Die Anmeldedaten in der Umgebung sind um %1 abgelaufen (AWS_CREDENTIAL_EXPIRATION). Setzen Sie neue.</translation>
    </message>
    <message>
        <source>environment variables</source>
        <translation>Umgebungsvariablen</translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::KeychainJob</name>
    <message>
        <source>No keychain service is available to store secrets (%1). On Linux, Flowdesk needs a Secret Service provider such as gnome-keyring or KWallet running in your session.</source>
        <translation>Es ist kein Schlüsselbund-Dienst zum Speichern von Geheimnissen verfügbar (%1). Unter Linux braucht Flowdesk einen Secret-Service-Anbieter wie gnome-keyring oder KWallet, der in Ihrer Sitzung läuft.</translation>
    </message>
    <message>
        <source>The keychain refused access to &quot;%1&quot; (%2). Unlock your keyring and try again.</source>
        <translation>Der Schlüsselbund hat den Zugriff auf „%1“ verweigert (%2). Entsperren Sie Ihren Schlüsselbund und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The keychain failed for &quot;%1&quot;: %2.</source>
        <translation>Der Schlüsselbund ist bei „%1“ fehlgeschlagen: %2.</translation>
    </message>
    <message>
        <source>Flowdesk keeps secrets in the system keychain: it needs a Secret Service provider such as gnome-keyring or KWallet running and unlocked in your desktop session.</source>
        <translation>Flowdesk bewahrt Geheimnisse im Schlüsselbund des Systems auf: Es braucht einen Secret-Service-Anbieter wie gnome-keyring oder KWallet, der in Ihrer Desktop-Sitzung läuft und entsperrt ist.</translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::ProcessCredentialSource</name>
    <message>
        <source>credential_process of profile %1</source>
        <translation>credential_process von Profil %1</translation>
    </message>
    <message>
        <source>credential_process of profile &apos;%1&apos;</source>
        <translation>credential_process von Profil &apos;%1&apos;</translation>
    </message>
    <message>
        <source>The %1 (%2) cannot be run: %3. Fix its quoting; the AWS CLI reads this setting the same way.</source>
        <translation>Der %1 (%2) kann nicht ausgeführt werden: %3. Korrigieren Sie die Anführungszeichen; die AWS CLI liest diese Einstellung genauso.</translation>
    </message>
    <message>
        <source>The %1 is empty. Set it to the command that prints credentials, or remove it.</source>
        <translation>Der %1 ist leer. Setzen Sie ihn auf den Befehl, der Anmeldedaten ausgibt, oder entfernen Sie ihn.</translation>
    </message>
    <message>
        <source>The %1 (%2) did not finish within %3 seconds and was stopped. Check that it does not wait for input (such as a browser login or a prompt) and run it in a terminal to see what it does.</source>
        <translation>Der %1 (%2) wurde nicht innerhalb von %3 Sekunden fertig und wurde beendet. Prüfen Sie, ob er auf eine Eingabe wartet (etwa eine Anmeldung im Browser oder eine Abfrage), und führen Sie ihn in einem Terminal aus, um zu sehen, was er tut.</translation>
    </message>
    <message>
        <source>The %1 could not be started: &quot;%2&quot;: %3. Check the command and that the program is installed and executable.</source>
        <translation>Der %1 konnte nicht gestartet werden: „%2“: %3. Prüfen Sie den Befehl und ob das Programm installiert und ausführbar ist.</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>ist abgestürzt</translation>
    </message>
    <message>
        <source>failed with exit code %1</source>
        <translation>ist mit Exit-Code %1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>The %1 (%2) %3.</source>
        <translation>Der %1 (%2) %3.</translation>
    </message>
    <message>
        <source> It printed nothing on standard error.</source>
        <translation> Auf der Standardfehlerausgabe hat er nichts ausgegeben.</translation>
    </message>
    <message>
        <source> Its error output:
%1</source>
        <translation> Seine Fehlerausgabe:
%1</translation>
    </message>
    <message>
        <source>The %1 (%2) printed more than %3 MiB on standard output and was stopped. The credentials JSON is far smaller: check that the command prints only that JSON (run it in a terminal to see what it prints).</source>
        <translation>Der %1 (%2) hat mehr als %3 MiB auf der Standardausgabe ausgegeben und wurde beendet. Das JSON der Anmeldedaten ist viel kleiner: Prüfen Sie, ob der Befehl nur dieses JSON ausgibt (führen Sie ihn in einem Terminal aus, um zu sehen, was er ausgibt).</translation>
    </message>
    <message>
        <source>The %1 printed nothing. It must print a JSON object with Version 1, AccessKeyId and SecretAccessKey.</source>
        <translation>Der %1 hat nichts ausgegeben. Er muss ein JSON-Objekt mit Version 1, AccessKeyId und SecretAccessKey ausgeben.</translation>
    </message>
    <message>
        <source>The %1 printed something that is not a JSON object (%2 at offset %3). It must print only the credentials JSON (Version 1, AccessKeyId, SecretAccessKey, SessionToken, Expiration) on standard output.</source>
        <translation>Der %1 hat etwas ausgegeben, das kein JSON-Objekt ist (%2 an Position %3). Er darf auf der Standardausgabe nur das JSON der Anmeldedaten ausgeben (Version 1, AccessKeyId, SecretAccessKey, SessionToken, Expiration).</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>kein Objekt</translation>
    </message>
    <message>
        <source>The %1 printed JSON without &quot;Version&quot;: 1 (the only version of the credential_process format).</source>
        <translation>Der %1 hat JSON ohne &quot;Version&quot;: 1 ausgegeben (die einzige Version des credential_process-Formats).</translation>
    </message>
    <message>
        <source>The %1 printed JSON without %2.</source>
        <translation>Der %1 hat JSON ohne %2 ausgegeben.</translation>
    </message>
    <message>
        <source>The %1 printed an Expiration that is not an ISO 8601 time (&quot;%2&quot;).</source>
        <translation>Der %1 hat eine Expiration ausgegeben, die keine ISO-8601-Zeit ist („%2“).</translation>
    </message>
    <message>
        <source>The %1 printed credentials that already expired at %2.</source>
        <translation>Der %1 hat Anmeldedaten ausgegeben, die bereits um %2 abgelaufen sind.</translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::ProfileCredentialSource</name>
    <message>
        <source>Profile &apos;%1&apos; has aws_secret_access_key but no aws_access_key_id (in %2). Add the access key ID, e.g. with `aws configure --profile %1`.</source>
        <translation>Profil &apos;%1&apos; hat aws_secret_access_key, aber kein aws_access_key_id (in %2). Fügen Sie die Zugriffsschlüssel-ID hinzu, z. B. mit `aws configure --profile %1`.</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; has aws_access_key_id but no aws_secret_access_key (in %2). Add the secret key, e.g. with `aws configure --profile %1`.</source>
        <translation>Profil &apos;%1&apos; hat aws_access_key_id, aber kein aws_secret_access_key (in %2). Fügen Sie den geheimen Schlüssel hinzu, z. B. mit `aws configure --profile %1`.</translation>
    </message>
    <message>
        <source>profile %1</source>
        <translation>Profil %1</translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::RetrySettings</name>
    <message>
        <source>profile &apos;%1&apos; (%2)</source>
        <translation>Profil &apos;%1&apos; (%2)</translation>
    </message>
    <message>
        <source>retry_mode legacy (%1) is not supported; Flowdesk uses standard, as the AWS CLI v2 does by default.</source>
        <translation>retry_mode legacy (%1) wird nicht unterstützt; Flowdesk verwendet standard, wie die AWS CLI v2 standardmäßig.</translation>
    </message>
    <message>
        <source>The retry mode &apos;%1&apos; in %2 is not valid: use standard or adaptive.</source>
        <translation>Der Wiederholungsmodus &apos;%1&apos; in %2 ist ungültig: Verwenden Sie standard oder adaptive.</translation>
    </message>
    <message>
        <source>max_attempts &apos;%1&apos; in %2 is not valid: use a whole number from 1 to 50.</source>
        <translation>max_attempts &apos;%1&apos; in %2 ist ungültig: Verwenden Sie eine ganze Zahl von 1 bis 50.</translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::SsoCredentialSource</name>
    <message>
        <source>profile %1 (IAM Identity Center, account %2, role %3)</source>
        <translation>Profil %1 (IAM Identity Center, Konto %2, Rolle %3)</translation>
    </message>
    <message>
        <source>Run `aws sso login --profile %1`, then try again.</source>
        <translation>Führen Sie `aws sso login --profile %1` aus und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Cannot read the IAM Identity Center token %1: %2.</source>
        <translation>Das IAM-Identity-Center-Token %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The IAM Identity Center token file %1 is damaged or incomplete. %2</source>
        <translation>Die IAM-Identity-Center-Tokendatei %1 ist beschädigt oder unvollständig. %2</translation>
    </message>
    <message>
        <source> (at %1)</source>
        <translation> (um %1)</translation>
    </message>
    <message>
        <source>IAM Identity Center is not reachable: no network access.</source>
        <translation>IAM Identity Center ist nicht erreichbar: kein Netzwerkzugang.</translation>
    </message>
    <message>
        <source>Could not reach IAM Identity Center at %1 (%2). Check the network connection.</source>
        <translation>IAM Identity Center unter %1 war nicht erreichbar (%2). Prüfen Sie die Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>IAM Identity Center rejected the login of profile &apos;%1&apos; (HTTP %2: %3). %4</source>
        <translation>IAM Identity Center hat die Anmeldung von Profil &apos;%1&apos; abgelehnt (HTTP %2: %3). %4</translation>
    </message>
    <message>
        <source>IAM Identity Center could not give credentials for account %1, role %2 (HTTP %3%4). Check sso_account_id and sso_role_name of profile &apos;%5&apos;.</source>
        <translation>IAM Identity Center konnte keine Anmeldedaten für Konto %1, Rolle %2 liefern (HTTP %3%4). Prüfen Sie sso_account_id und sso_role_name von Profil &apos;%5&apos;.</translation>
    </message>
    <message>
        <source>IAM Identity Center answered without usable role credentials (accessKeyId, secretAccessKey, sessionToken, expiration).</source>
        <translation>IAM Identity Center hat ohne verwendbare Rollen-Anmeldedaten geantwortet (accessKeyId, secretAccessKey, sessionToken, expiration).</translation>
    </message>
    <message>
        <source>The IAM Identity Center token %1 is %2, not a regular file; Flowdesk reads tokens only from regular files. Delete it. %3</source>
        <translation>Das IAM-Identity-Center-Token %1 ist %2, keine normale Datei; Flowdesk liest Tokens nur aus normalen Dateien. Löschen Sie es. %3</translation>
    </message>
    <message>
        <source>no longer a regular file</source>
        <translation>keine normale Datei mehr</translation>
    </message>
    <message>
        <source>The IAM Identity Center token %1 is larger than %2 KiB, which no token is; Flowdesk does not read it. Delete it. %3</source>
        <translation>Das IAM-Identity-Center-Token %1 ist größer als %2 KiB, was kein Token ist; Flowdesk liest es nicht. Löschen Sie es. %3</translation>
    </message>
    <message>
        <source>sso-session &apos;%1&apos;</source>
        <translation>sso-session &apos;%1&apos;</translation>
    </message>
    <message>
        <source>profile &apos;%1&apos;</source>
        <translation>Profil &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Run `aws sso login --sso-session %1`, then try again.</source>
        <translation>Führen Sie `aws sso login --sso-session %1` aus und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>There is no IAM Identity Center login for %1 (no token in %2). %3</source>
        <translation>Für %1 gibt es keine IAM-Identity-Center-Anmeldung (kein Token in %2). %3</translation>
    </message>
    <message>
        <source>The IAM Identity Center login for %1 expires at %2 and could not be renewed. %3</source>
        <translation>Die IAM-Identity-Center-Anmeldung für %1 läuft um %2 ab und konnte nicht erneuert werden. %3</translation>
    </message>
    <message>
        <source>The IAM Identity Center login for %1 has expired%2. %3</source>
        <translation>Die IAM-Identity-Center-Anmeldung für %1 ist abgelaufen%2. %3</translation>
    </message>
    <message>
        <source>IAM Identity Center %1</source>
        <translation>IAM Identity Center %1</translation>
    </message>
    <message>
        <source>Sign in with Sign in… on the Fleet tab, then try again.</source>
        <translation>Melden Sie sich mit „Anmelden…“ im Flotten-Tab an und versuchen Sie es dann erneut.</translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::SsoDeviceLogin</name>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>Die Anmeldung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>IAM Identity Center did not answer (%1). Check the network connection.</source>
        <translation>IAM Identity Center hat nicht geantwortet (%1). Prüfen Sie die Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>IAM Identity Center answered HTTP %1 %2%3.</source>
        <translation>IAM Identity Center antwortete HTTP %1 %2%3.</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>IAM Identity Center is not reachable: no network access.</source>
        <translation>IAM Identity Center ist nicht erreichbar: kein Netzwerkzugang.</translation>
    </message>
    <message>
        <source>Flowdesk could not register with IAM Identity Center: %1</source>
        <translation>Flowdesk konnte sich nicht bei IAM Identity Center registrieren: %1</translation>
    </message>
    <message>
        <source>IAM Identity Center registered Flowdesk without a usable client ID, secret and expiry.</source>
        <translation>IAM Identity Center hat Flowdesk ohne verwendbare Client-ID, Geheimnis und Ablaufzeit registriert.</translation>
    </message>
    <message>
        <source>IAM Identity Center did not start the sign-in for %1: %2</source>
        <translation>IAM Identity Center hat die Anmeldung für %1 nicht gestartet: %2</translation>
    </message>
    <message>
        <source>IAM Identity Center started the sign-in without a usable code and page.</source>
        <translation>IAM Identity Center hat die Anmeldung ohne verwendbaren Code und Seite gestartet.</translation>
    </message>
    <message>
        <source>The sign-in code expired before it was approved. Start the sign-in again.</source>
        <translation>Der Anmeldecode ist abgelaufen, bevor er bestätigt wurde. Starten Sie die Anmeldung erneut.</translation>
    </message>
    <message>
        <source>The sign-in was denied in the browser.</source>
        <translation>Die Anmeldung wurde im Browser abgelehnt.</translation>
    </message>
    <message>
        <source>IAM Identity Center did not complete the sign-in: %1</source>
        <translation>IAM Identity Center hat die Anmeldung nicht abgeschlossen: %1</translation>
    </message>
    <message>
        <source>IAM Identity Center completed the sign-in without a usable access token (accessToken, expiresIn).</source>
        <translation>IAM Identity Center hat die Anmeldung ohne verwendbares Zugriffstoken abgeschlossen (accessToken, expiresIn).</translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::SsoOidcClient</name>
    <message>
        <source>IAM Identity Center is not reachable: no network access.</source>
        <translation>IAM Identity Center ist nicht erreichbar: kein Netzwerkzugang.</translation>
    </message>
    <message>
        <source>Could not reach IAM Identity Center at %1 (%2). Check the network connection.</source>
        <translation>IAM Identity Center unter %1 war nicht erreichbar (%2). Prüfen Sie die Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>IAM Identity Center did not renew the login (HTTP %1 %2%3).</source>
        <translation>IAM Identity Center hat die Anmeldung nicht erneuert (HTTP %1 %2%3).</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>IAM Identity Center renewed the login without a usable access token (accessToken, expiresIn).</source>
        <translation>IAM Identity Center hat die Anmeldung ohne verwendbares Zugriffstoken erneuert (accessToken, expiresIn).</translation>
    </message>
</context>
<context>
    <name>flowdesk::aws::StoredAccounts</name>
    <message>
        <source>Give the account a name.</source>
        <translation>Geben Sie dem Konto einen Namen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot name an account: use up to 64 letters, digits, spaces and _ . @ + -, starting with a letter or digit.</source>
        <translation>„%1“ kann kein Konto benennen: Verwenden Sie bis zu 64 Buchstaben, Ziffern, Leerzeichen und _ . @ + -, beginnend mit einem Buchstaben oder einer Ziffer.</translation>
    </message>
    <message>
        <source>The access key ID should be 16 or more capital letters and digits, like AKIAIOSFODNN7EXAMPLE.</source>
        <translation>Die Zugriffsschlüssel-ID sollte aus 16 oder mehr Großbuchstaben und Ziffern bestehen, etwa AKIAIOSFODNN7EXAMPLE.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a region name such as eu-west-1.</source>
        <translation>„%1“ ist kein Regionsname wie eu-west-1.</translation>
    </message>
    <message>
        <source>account %1</source>
        <translation>Konto %1</translation>
    </message>
    <message>
        <source>There is no stored account &apos;%1&apos; to change.</source>
        <translation>Es gibt kein gespeichertes Konto &apos;%1&apos;, das geändert werden könnte.</translation>
    </message>
    <message>
        <source>An account named &apos;%1&apos; already exists.</source>
        <translation>Ein Konto namens &apos;%1&apos; gibt es bereits.</translation>
    </message>
    <message>
        <source>Enter the secret access key of account &apos;%1&apos;.</source>
        <translation>Geben Sie den geheimen Zugriffsschlüssel von Konto &apos;%1&apos; ein.</translation>
    </message>
    <message>
        <source>The secret access key cannot be empty.</source>
        <translation>Der geheime Zugriffsschlüssel darf nicht leer sein.</translation>
    </message>
    <message>
        <source>Account &apos;%1&apos; was not saved: %2</source>
        <translation>Konto &apos;%1&apos; wurde nicht gespeichert: %2</translation>
    </message>
    <message>
        <source>Account &apos;%1&apos; has no secret key in the keychain to move; enter it again.</source>
        <translation>Konto &apos;%1&apos; hat keinen geheimen Schlüssel im Schlüsselbund, der verschoben werden könnte; geben Sie ihn erneut ein.</translation>
    </message>
    <message>
        <source>There is no stored account &apos;%1&apos;.</source>
        <translation>Es gibt kein gespeichertes Konto &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Account &apos;%1&apos; was not removed: its secrets could not be deleted from the keychain: %2</source>
        <translation>Konto &apos;%1&apos; wurde nicht entfernt: Seine Geheimnisse konnten nicht aus dem Schlüsselbund gelöscht werden: %2</translation>
    </message>
    <message>
        <source>The keychain could not give the secret key of account &apos;%1&apos;: %2</source>
        <translation>Der Schlüsselbund konnte den geheimen Schlüssel von Konto &apos;%1&apos; nicht liefern: %2</translation>
    </message>
    <message>
        <source>The secret access key of account &apos;%1&apos; is not in the keychain (it may have been deleted there). Edit the account and enter the key again.</source>
        <translation>Der geheime Zugriffsschlüssel von Konto &apos;%1&apos; ist nicht im Schlüsselbund (vielleicht wurde er dort gelöscht). Bearbeiten Sie das Konto und geben Sie den Schlüssel erneut ein.</translation>
    </message>
    <message>
        <source>There is no stored account &apos;%1&apos;. Add it under Accounts, or choose another.</source>
        <translation>Es gibt kein gespeichertes Konto &apos;%1&apos;. Fügen Sie es unter „Konten“ hinzu oder wählen Sie ein anderes.</translation>
    </message>
</context>
<context>
    <name>flowdesk::cli</name>
    <message>
        <source>Interrupted.</source>
        <translation>Unterbrochen.</translation>
    </message>
    <message>
        <source>there is no flow named “%1” in %2.</source>
        <translation>es gibt keinen Flow namens „%1“ in %2.</translation>
    </message>
    <message>
        <source>`flowdesk-cli flows` lists the flows (check the name, --profile and --region).</source>
        <translation>`flowdesk-cli flows` listet die Flows auf (prüfen Sie den Namen, --profile und --region).</translation>
    </message>
    <message numerus="yes">
        <source>Tried %n time(s).</source>
        <translation>
            <numerusform>%n Mal versucht.</numerusform>
            <numerusform>%n Mal versucht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Request ID: %1</source>
        <translation>Anfrage-ID: %1</translation>
    </message>
    <message numerus="yes">
        <source>Reading runs: %1 of %n flow(s)…</source>
        <translation>
            <numerusform>Ausführungen werden gelesen: %1 von %n Flow…</numerusform>
            <numerusform>Ausführungen werden gelesen: %1 von %n Flows…</numerusform>
        </translation>
    </message>
    <message>
        <source>Listing flows…</source>
        <translation>Flows werden aufgelistet…</translation>
    </message>
</context>
<context>
    <name>flowdesk::cli::ActiveCommand</name>
    <message>
        <source>flowdesk-cli: the flow list is incomplete, so flows not listed may have active runs that are not shown.</source>
        <translation>flowdesk-cli: Die Flow-Liste ist unvollständig, daher können nicht aufgeführte Flows aktive Ausführungen haben, die nicht gezeigt werden.</translation>
    </message>
    <message numerus="yes">
        <source>flowdesk-cli: the runs of %n flow(s) could not be read; their active runs are not shown:</source>
        <translation>
            <numerusform>flowdesk-cli: Die Ausführungen von %n Flow konnten nicht gelesen werden; seine aktiven Ausführungen werden nicht gezeigt:</numerusform>
            <numerusform>flowdesk-cli: Die Ausführungen von %n Flows konnten nicht gelesen werden; ihre aktiven Ausführungen werden nicht gezeigt:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::cli::CancelCommand</name>
    <message>
        <source>Reading “%1”…</source>
        <translation>„%1“ wird gelesen…</translation>
    </message>
    <message>
        <source>Reading the runs of “%1”…</source>
        <translation>Die Ausführungen von „%1“ werden gelesen…</translation>
    </message>
    <message>
        <source>flowdesk-cli: nothing was cancelled: the runs of %1 could not be read, so what a cancel would stop is unknown.</source>
        <translation>flowdesk-cli: Es wurde nichts abgebrochen: Die Ausführungen von %1 konnten nicht gelesen werden, daher ist unbekannt, was ein Abbruch stoppen würde.</translation>
    </message>
    <message>
        <source>%1 has no run in progress: nothing to cancel.</source>
        <translation>%1 hat keine laufende Ausführung: nichts abzubrechen.</translation>
    </message>
    <message>
        <source>No run of %1 that started before %2 is in progress: nothing to cancel.</source>
        <translation>Keine vor %2 gestartete Ausführung von %1 läuft: nichts abzubrechen.</translation>
    </message>
    <message>
        <source>Dry run: nothing was sent.</source>
        <translation>Probelauf: Es wurde nichts gesendet.</translation>
    </message>
    <message numerus="yes">
        <source>Cancel all %n active run(s) of %1</source>
        <translation>
            <numerusform>Alle %n aktive Ausführung von %1 abbrechen</numerusform>
            <numerusform>Alle %n aktiven Ausführungen von %1 abbrechen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s) of %1</source>
        <translation>
            <numerusform>%n Ausführung von %1 abbrechen</numerusform>
            <numerusform>%n Ausführungen von %1 abbrechen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s) in %1 flows</source>
        <translation>
            <numerusform>%n Ausführung in %1 Flows abbrechen</numerusform>
            <numerusform>%n Ausführungen in %1 Flows abbrechen</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>Verbindung: %1</translation>
    </message>
    <message>
        <source>status unknown</source>
        <translation>Status unbekannt</translation>
    </message>
    <message>
        <source>start unknown</source>
        <translation>Start unbekannt</translation>
    </message>
    <message>
        <source>started %1</source>
        <translation>gestartet %1</translation>
    </message>
    <message>
        <source>%1 records, %2</source>
        <translation>%1 Datensätze, %2</translation>
    </message>
    <message>
        <source>Already processed: %1 records, %2</source>
        <translation>Bereits verarbeitet: %1 Datensätze, %2</translation>
    </message>
    <message>
        <source> (some runs have not reported their counts yet)</source>
        <translation> (einige Ausführungen haben ihre Zahlen noch nicht gemeldet)</translation>
    </message>
    <message>
        <source>Every run of the flow that is still in progress when the request reaches AWS is cancelled, including runs that start after this list was read.</source>
        <translation>Jede Ausführung des Flows, die noch läuft, wenn die Anfrage AWS erreicht, wird abgebrochen, auch Ausführungen, die nach dem Lesen dieser Liste starten.</translation>
    </message>
    <message>
        <source>Before you cancel:</source>
        <translation>Bevor Sie abbrechen:</translation>
    </message>
    <message numerus="yes">
        <source>You are still charged for the data the %n run(s) have already processed.</source>
        <translation>
            <numerusform>Die Daten, die die %n Ausführung bereits verarbeitet hat, werden Ihnen weiterhin berechnet.</numerusform>
            <numerusform>Die Daten, die die %n Ausführungen bereits verarbeitet haben, werden Ihnen weiterhin berechnet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Data already written to the destination stays there. Cancelling does not remove or roll back anything.</source>
        <translation>Bereits ins Ziel geschriebene Daten bleiben dort. Der Abbruch entfernt nichts und macht nichts rückgängig.</translation>
    </message>
    <message>
        <source>Flowdesk could not check whether %1 uses a batch API. If it does, its run finishes and bills its current batch after you cancel.</source>
        <translation>Flowdesk konnte nicht prüfen, ob %1 eine Batch-API verwendet. Falls ja, beendet seine Ausführung nach dem Abbruch noch den aktuellen Stapel, der berechnet wird.</translation>
    </message>
    <message>
        <source>%1 moves data in batches (%2). After you cancel, its run still finishes the whole current batch, and that batch is billed.</source>
        <translation>%1 überträgt Daten in Stapeln (%2). Nach dem Abbruch beendet seine Ausführung noch den ganzen aktuellen Stapel, und dieser Stapel wird berechnet.</translation>
    </message>
    <message>
        <source>Cancelling cannot be undone. A cancelled run cannot be resumed; you can only start a new run.</source>
        <translation>Ein Abbruch lässt sich nicht rückgängig machen. Eine abgebrochene Ausführung kann nicht fortgesetzt werden; Sie können nur eine neue starten.</translation>
    </message>
    <message>
        <source>Afterwards the flow is deactivated (StopFlow), so no new scheduled or event runs start until it is activated again.</source>
        <translation>Danach wird der Flow deaktiviert (StopFlow), damit keine neuen geplanten oder ereignisgesteuerten Ausführungen starten, bis er wieder aktiviert wird.</translation>
    </message>
    <message>
        <source>Scheduled runs that have not started yet are not affected. Only deactivating the flow stops them (--deactivate).</source>
        <translation>Geplante Ausführungen, die noch nicht begonnen haben, sind nicht betroffen. Nur das Deaktivieren des Flows verhindert sie (--deactivate).</translation>
    </message>
    <message>
        <source>Scheduled runs that have not started yet are not affected. Only deactivating a flow stops them (flowdesk-cli cancel FLOW --deactivate).</source>
        <translation>Geplante Ausführungen, die noch nicht begonnen haben, sind nicht betroffen. Nur das Deaktivieren eines Flows verhindert sie (flowdesk-cli cancel FLOW --deactivate).</translation>
    </message>
    <message>
        <source>flowdesk-cli: not cancelling: confirmation is needed and stdin is not a terminal. Check with --dry-run, then add --yes to confirm.</source>
        <translation>flowdesk-cli: Kein Abbruch: Eine Bestätigung ist nötig, und die Standardeingabe ist kein Terminal. Prüfen Sie mit --dry-run und bestätigen Sie dann mit --yes.</translation>
    </message>
    <message>
        <source>To confirm, type the flow name (%1): </source>
        <translation>Zur Bestätigung den Flow-Namen eingeben (%1): </translation>
    </message>
    <message>
        <source>To confirm, type the number of runs to cancel (%1): </source>
        <translation>Zur Bestätigung die Anzahl der abzubrechenden Ausführungen eingeben (%1): </translation>
    </message>
    <message>
        <source>Cancel these runs? Type yes to confirm: </source>
        <translation>Diese Ausführungen abbrechen? Zur Bestätigung yes eingeben: </translation>
    </message>
    <message>
        <source>Interrupted: nothing was sent.</source>
        <translation>Unterbrochen: Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>Not confirmed: nothing was sent.</source>
        <translation>Nicht bestätigt: Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>flowdesk-cli: the audit log could not record this cancel: %1</source>
        <translation>flowdesk-cli: Das Prüfprotokoll konnte diesen Abbruch nicht aufzeichnen: %1</translation>
    </message>
    <message>
        <source>Waiting for the runs to reach a final status…</source>
        <translation>Warten, bis die Ausführungen einen Endstatus erreichen…</translation>
    </message>
    <message>
        <source>Sending the cancel…</source>
        <translation>Der Abbruch wird gesendet…</translation>
    </message>
    <message>
        <source>Interrupted: waiting for the answers to the cancel requests already sent, so that the audit log records them. Press Ctrl-C again to quit at once.</source>
        <translation>Unterbrochen: Es wird auf die Antworten der bereits gesendeten Abbruchanfragen gewartet, damit das Prüfprotokoll sie aufzeichnet. Drücken Sie erneut Strg+C, um sofort zu beenden.</translation>
    </message>
    <message>
        <source>ACCOUNT</source>
        <translation>KONTO</translation>
    </message>
    <message>
        <source>REGION</source>
        <translation>REGION</translation>
    </message>
    <message>
        <source>FLOW</source>
        <translation>FLOW</translation>
    </message>
    <message>
        <source>RUN ID</source>
        <translation>AUSFÜHRUNGS-ID</translation>
    </message>
    <message>
        <source>RESULT</source>
        <translation>ERGEBNIS</translation>
    </message>
    <message>
        <source>RESULT TEXT</source>
        <translation>ERGEBNISTEXT</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>STATUS</translation>
    </message>
    <message>
        <source>STATUS AS OF (UTC)</source>
        <translation>STATUS VOM (UTC)</translation>
    </message>
    <message>
        <source>FRESH</source>
        <translation>AKTUELL</translation>
    </message>
    <message>
        <source>DETAIL</source>
        <translation>DETAIL</translation>
    </message>
    <message>
        <source>ERROR</source>
        <translation>FEHLER</translation>
    </message>
    <message>
        <source>REQUEST ID</source>
        <translation>ANFRAGE-ID</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) cancelled or cancelling</source>
        <translation>
            <numerusform>%n Ausführung abgebrochen oder im Abbruch</numerusform>
            <numerusform>%n Ausführungen abgebrochen oder im Abbruch</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not cancelled</source>
        <translation>
            <numerusform>%n nicht abgebrochen</numerusform>
            <numerusform>%n nicht abgebrochen</numerusform>
        </translation>
    </message>
    <message>
        <source>Recorded in the audit log %1.</source>
        <translation>Im Prüfprotokoll %1 aufgezeichnet.</translation>
    </message>
    <message>
        <source>flowdesk-cli: the flow list is incomplete: runs of flows not listed are not cancelled.</source>
        <translation>flowdesk-cli: Die Flow-Liste ist unvollständig: Ausführungen nicht aufgeführter Flows werden nicht abgebrochen.</translation>
    </message>
    <message>
        <source>flowdesk-cli: the runs of %1 could not be read; none of them is cancelled.</source>
        <translation>flowdesk-cli: Die Ausführungen von %1 konnten nicht gelesen werden; keine davon wird abgebrochen.</translation>
    </message>
    <message>
        <source>No run that started before %1 is in progress: nothing to cancel.</source>
        <translation>Keine vor %1 gestartete Ausführung läuft: nichts abzubrechen.</translation>
    </message>
    <message>
        <source>No run is in progress: nothing to cancel.</source>
        <translation>Keine Ausführung läuft: nichts abzubrechen.</translation>
    </message>
    <message numerus="yes">
        <source>Reading %n flow(s)…</source>
        <translation>
            <numerusform>%n Flow wird gelesen…</numerusform>
            <numerusform>%n Flows werden gelesen…</numerusform>
        </translation>
    </message>
    <message>
        <source>Not waiting for every run to reach a final status (--no-wait): “flowdesk-cli watch FLOW RUN_ID…” follows them.</source>
        <translation>Es wird nicht gewartet, bis jede Ausführung einen Endstatus erreicht (--no-wait): „flowdesk-cli watch FLOW RUN_ID…“ verfolgt sie.</translation>
    </message>
    <message>
        <source>Interrupted before every run reached a final status: “flowdesk-cli watch FLOW RUN_ID…” follows them.</source>
        <translation>Unterbrochen, bevor jede Ausführung einen Endstatus erreicht hat: „flowdesk-cli watch FLOW RUN_ID…“ verfolgt sie.</translation>
    </message>
</context>
<context>
    <name>flowdesk::cli::CliCommand</name>
    <message>
        <source>ACCOUNT</source>
        <translation>KONTO</translation>
    </message>
    <message>
        <source>REGION</source>
        <translation>REGION</translation>
    </message>
    <message>
        <source>FLOW</source>
        <translation>FLOW</translation>
    </message>
    <message>
        <source>RUN ID</source>
        <translation>AUSFÜHRUNGS-ID</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>STATUS</translation>
    </message>
    <message>
        <source>STARTED (UTC)</source>
        <translation>GESTARTET (UTC)</translation>
    </message>
    <message>
        <source>UPDATED (UTC)</source>
        <translation>AKTUALISIERT (UTC)</translation>
    </message>
    <message>
        <source>RECORDS</source>
        <translation>DATENSÄTZE</translation>
    </message>
    <message>
        <source>BYTES</source>
        <translation>BYTES</translation>
    </message>
</context>
<context>
    <name>flowdesk::cli::FlowsCommand</name>
    <message>
        <source>Listing flows…</source>
        <translation>Flows werden aufgelistet…</translation>
    </message>
    <message>
        <source>ACCOUNT</source>
        <translation>KONTO</translation>
    </message>
    <message>
        <source>REGION</source>
        <translation>REGION</translation>
    </message>
    <message>
        <source>FLOW</source>
        <translation>FLOW</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>STATUS</translation>
    </message>
    <message>
        <source>TRIGGER</source>
        <translation>AUSLÖSER</translation>
    </message>
    <message>
        <source>SOURCE</source>
        <translation>QUELLE</translation>
    </message>
    <message>
        <source>DESTINATION</source>
        <translation>ZIEL</translation>
    </message>
    <message>
        <source>LAST RUN</source>
        <translation>LETZTE AUSFÜHRUNG</translation>
    </message>
    <message>
        <source>LAST RUN AT (UTC)</source>
        <translation>LETZTE AUSFÜHRUNG UM (UTC)</translation>
    </message>
    <message numerus="yes">
        <source>flowdesk-cli: the flow list is incomplete: %n page(s) were read before one failed.</source>
        <translation>
            <numerusform>flowdesk-cli: Die Flow-Liste ist unvollständig: %n Seite wurde gelesen, bevor eine fehlschlug.</numerusform>
            <numerusform>flowdesk-cli: Die Flow-Liste ist unvollständig: %n Seiten wurden gelesen, bevor eine fehlschlug.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::cli::HistoryCommand</name>
    <message>
        <source>flowdesk-cli: the audit log %1 cannot be read: %2</source>
        <translation>flowdesk-cli: Das Prüfprotokoll %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>TIME (UTC)</source>
        <translation>ZEIT (UTC)</translation>
    </message>
    <message>
        <source>TYPE</source>
        <translation>ART</translation>
    </message>
    <message>
        <source>FLOW</source>
        <translation>FLOW</translation>
    </message>
    <message>
        <source>RUNS</source>
        <translation>AUSFÜHRUNGEN</translation>
    </message>
    <message>
        <source>OUTCOMES</source>
        <translation>ERGEBNISSE</translation>
    </message>
    <message>
        <source>PROFILE</source>
        <translation>PROFIL</translation>
    </message>
    <message>
        <source>REGION</source>
        <translation>REGION</translation>
    </message>
    <message>
        <source>CONFIRMED BY</source>
        <translation>BESTÄTIGT VON</translation>
    </message>
    <message>
        <source>VIA</source>
        <translation>ÜBER</translation>
    </message>
    <message>
        <source>CORRELATION ID</source>
        <translation>KORRELATIONS-ID</translation>
    </message>
    <message>
        <source>ERROR</source>
        <translation>FEHLER</translation>
    </message>
    <message numerus="yes">
        <source>flowdesk-cli: %n line(s) of the audit log are not valid entries and were skipped.</source>
        <translation>
            <numerusform>flowdesk-cli: %n Zeile des Prüfprotokolls ist kein gültiger Eintrag und wurde übersprungen.</numerusform>
            <numerusform>flowdesk-cli: %n Zeilen des Prüfprotokolls sind keine gültigen Einträge und wurden übersprungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>No cancel has been recorded yet (%1 does not exist).</source>
        <translation>Es wurde noch kein Abbruch aufgezeichnet (%1 existiert nicht).</translation>
    </message>
</context>
<context>
    <name>flowdesk::cli::RunsCommand</name>
    <message>
        <source>Reading the runs of “%1”…</source>
        <translation>Die Ausführungen von „%1“ werden gelesen…</translation>
    </message>
    <message numerus="yes">
        <source>flowdesk-cli: the run list is incomplete: only the %n newest run(s) were read before a page failed.</source>
        <translation>
            <numerusform>flowdesk-cli: Die Liste der Ausführungen ist unvollständig: Nur die neueste %n Ausführung wurde gelesen, bevor eine Seite fehlschlug.</numerusform>
            <numerusform>flowdesk-cli: Die Liste der Ausführungen ist unvollständig: Nur die %n neuesten Ausführungen wurden gelesen, bevor eine Seite fehlschlug.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::cli::WatchCommand</name>
    <message numerus="yes">
        <source>  Reading again in %n second(s).</source>
        <translation>
            <numerusform>  Erneutes Lesen in %n Sekunde.</numerusform>
            <numerusform>  Erneutes Lesen in %n Sekunden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Waiting for %n run(s) to reach a final status…</source>
        <translation>
            <numerusform>Warten, bis %n Ausführung einen Endstatus erreicht…</numerusform>
            <numerusform>Warten, bis %n Ausführungen einen Endstatus erreichen…</numerusform>
        </translation>
    </message>
    <message>
        <source>flowdesk-cli: not among the newest %1 runs of “%2”: %3</source>
        <translation>flowdesk-cli: nicht unter den neuesten %1 Ausführungen von „%2“: %3</translation>
    </message>
</context>
<context>
    <name>flowdesk::fleet::FleetScanner</name>
    <message>
        <source>The IAM Identity Center connection was closed.</source>
        <translation>Die IAM-Identity-Center-Verbindung wurde geschlossen.</translation>
    </message>
</context>
<context>
    <name>flowdesk::fleet::PortalRoleCredentialSource</name>
    <message>
        <source>account %1 (%2), role %3 (IAM Identity Center)</source>
        <translation>Konto %1 (%2), Rolle %3 (IAM Identity Center)</translation>
    </message>
    <message>
        <source>The IAM Identity Center connection was closed.</source>
        <translation>Die IAM-Identity-Center-Verbindung wurde geschlossen.</translation>
    </message>
</context>
<context>
    <name>flowdesk::fleet::SsoPortalClient</name>
    <message>
        <source>IAM Identity Center is not reachable: no network access.</source>
        <translation>IAM Identity Center ist nicht erreichbar: kein Netzwerkzugang.</translation>
    </message>
    <message>
        <source>IAM Identity Center at %1 did not answer (%2)</source>
        <translation>IAM Identity Center unter %1 hat nicht geantwortet (%2)</translation>
    </message>
    <message>
        <source>IAM Identity Center answered HTTP %1 %2%3</source>
        <translation>IAM Identity Center antwortete HTTP %1 %2%3</translation>
    </message>
    <message>
        <source>The login has expired or was revoked: run `aws sso login`.</source>
        <translation>Die Anmeldung ist abgelaufen oder wurde widerrufen: Führen Sie `aws sso login` aus.</translation>
    </message>
    <message>
        <source>Not retried: too many requests to IAM Identity Center failed just now (the retry quota is used up); try again in a minute.</source>
        <translation>Nicht wiederholt: Zu viele Anfragen an IAM Identity Center sind gerade fehlgeschlagen (das Wiederholungskontingent ist aufgebraucht); versuchen Sie es in einer Minute erneut.</translation>
    </message>
    <message numerus="yes">
        <source>Gave up after %n attempt(s).</source>
        <translation>
            <numerusform>Nach %n Versuch aufgegeben.</numerusform>
            <numerusform>Nach %n Versuchen aufgegeben.</numerusform>
        </translation>
    </message>
    <message>
        <source>IAM Identity Center does not give you role %1 in account %2 (%3). Choose another role for this account.</source>
        <translation>IAM Identity Center gibt Ihnen die Rolle %1 im Konto %2 nicht (%3). Wählen Sie für dieses Konto eine andere Rolle.</translation>
    </message>
    <message>
        <source>IAM Identity Center answered without usable role credentials for account %1, role %2.</source>
        <translation>IAM Identity Center antwortete ohne verwendbare Rollen-Anmeldedaten für Konto %1, Rolle %2.</translation>
    </message>
</context>
<context>
    <name>flowdesk::models::ActiveRunsModel</name>
    <message>
        <source>Flow</source>
        <translation>Flow</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
</context>
<context>
    <name>flowdesk::models::CancelController</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source> (after %n attempt(s))</source>
        <translation>
            <numerusform> (nach %n Versuch)</numerusform>
            <numerusform> (nach %n Versuchen)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1%2. The request may or may not have reached AppFlow; reading the run&apos;s status to find out.</source>
        <translation>%1%2. Die Anfrage hat AppFlow vielleicht erreicht, vielleicht nicht; der Status der Ausführung wird gelesen, um es herauszufinden.</translation>
    </message>
    <message>
        <source>%1%2. This request cancelled nothing; the run goes on unless the cancel is sent again.</source>
        <translation>%1%2. Diese Anfrage hat nichts abgebrochen; die Ausführung läuft weiter, wenn der Abbruch nicht erneut gesendet wird.</translation>
    </message>
    <message>
        <source>Not sent: the audit log could not record it. %1</source>
        <translation>Nicht gesendet: Das Prüfprotokoll konnte ihn nicht aufzeichnen. %1</translation>
    </message>
    <message>
        <source>The cancel was sent, but its result could not be added to the audit log. %1</source>
        <translation>Der Abbruch wurde gesendet, aber sein Ergebnis konnte nicht ins Prüfprotokoll eingetragen werden. %1</translation>
    </message>
    <message>
        <source>The flow deactivation was sent, but its result could not be added to the audit log. %1</source>
        <translation>Die Deaktivierung des Flows wurde gesendet, aber ihr Ergebnis konnte nicht ins Prüfprotokoll eingetragen werden. %1</translation>
    </message>
</context>
<context>
    <name>flowdesk::models::CancelOutcomeModel</name>
    <message>
        <source>AppFlow did not accept the cancel; reading the run&apos;s status to say why…</source>
        <translation>AppFlow hat den Abbruch nicht angenommen; der Status der Ausführung wird gelesen, um den Grund zu nennen…</translation>
    </message>
    <message>
        <source>AppFlow shows it as %1: most likely an earlier attempt of this request reached AppFlow, and its answer was lost.</source>
        <translation>AppFlow zeigt sie als %1: Sehr wahrscheinlich hat ein früherer Versuch dieser Anfrage AppFlow erreicht, und seine Antwort ging verloren.</translation>
    </message>
    <message>
        <source>It was already being cancelled before this request.</source>
        <translation>Sie wurde schon vor dieser Anfrage abgebrochen.</translation>
    </message>
    <message>
        <source>AppFlow does not list this run for this flow.</source>
        <translation>AppFlow führt diese Ausführung für diesen Flow nicht.</translation>
    </message>
    <message>
        <source>No answer came back (%1), but AppFlow shows the run cancelling: the cancel started.</source>
        <translation>Es kam keine Antwort (%1), aber AppFlow zeigt die Ausführung im Abbruch: Der Abbruch hat begonnen.</translation>
    </message>
    <message>
        <source>No answer came back (%1) and AppFlow still shows the run in progress: the cancel did not take effect. Retry sends it again.</source>
        <translation>Es kam keine Antwort (%1), und AppFlow zeigt die Ausführung weiter als laufend: Der Abbruch hat nicht gewirkt. „Erneut versuchen“ sendet ihn noch einmal.</translation>
    </message>
    <message>
        <source>No answer came back (%1); the run has ended (%2) without being cancelled.</source>
        <translation>Es kam keine Antwort (%1); die Ausführung ist beendet (%2), ohne abgebrochen worden zu sein.</translation>
    </message>
    <message>
        <source>No answer came back (%1), and AppFlow does not list this run for this flow.</source>
        <translation>Es kam keine Antwort (%1), und AppFlow führt diese Ausführung für diesen Flow nicht.</translation>
    </message>
    <message>
        <source>Already finished successfully.</source>
        <translation>Bereits erfolgreich beendet.</translation>
    </message>
    <message>
        <source>Already failed.</source>
        <translation>Bereits fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Already being cancelled.</source>
        <translation>Wird bereits abgebrochen.</translation>
    </message>
    <message>
        <source>Already cancelled.</source>
        <translation>Bereits abgebrochen.</translation>
    </message>
    <message>
        <source>AppFlow would not cancel it although it shows it in progress (it may not have started processing yet); try again in a moment.</source>
        <translation>AppFlow wollte sie nicht abbrechen, obwohl es sie als laufend zeigt (vielleicht hat die Verarbeitung noch nicht begonnen); versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>AppFlow does not know this run as in progress (not started, or not a run of this flow).</source>
        <translation>AppFlow kennt diese Ausführung nicht als laufend (nicht gestartet oder keine Ausführung dieses Flows).</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Cancel started</source>
        <translation>Abbruch gestartet</translation>
    </message>
    <message>
        <source>Already cancelled</source>
        <translation>Bereits abgebrochen</translation>
    </message>
    <message>
        <source>Not cancellable</source>
        <translation>Nicht abbrechbar</translation>
    </message>
    <message>
        <source>Request failed</source>
        <translation>Anfrage fehlgeschlagen</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Not read since before the cancel was sent.</source>
        <translation>Seit vor dem Senden des Abbruchs nicht gelesen.</translation>
    </message>
    <message>
        <source>Read from AppFlow at %1.</source>
        <translation>Um %1 von AppFlow gelesen.</translation>
    </message>
    <message>
        <source>Last read at %1, before AppFlow answered: it may have changed since.</source>
        <translation>Zuletzt um %1 gelesen, bevor AppFlow antwortete: Es kann sich seitdem geändert haben.</translation>
    </message>
    <message>
        <source>%1 (last known, %2)</source>
        <translation>%1 (zuletzt bekannt, %2)</translation>
    </message>
    <message>
        <source>%1 (last known)</source>
        <translation>%1 (zuletzt bekannt)</translation>
    </message>
    <message>
        <source>%1 Request ID: %2</source>
        <translation>%1 Anfrage-ID: %2</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Flow</translation>
    </message>
    <message>
        <source>Run ID</source>
        <translation>Ausführungs-ID</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>flowdesk::models::CancelReconciler</name>
    <message numerus="yes">
        <source>which runs were in progress when it was sent is not recorded; %n run(s) of the flow are in progress now</source>
        <translation>
            <numerusform>welche Ausführungen beim Senden liefen, ist nicht aufgezeichnet; jetzt läuft %n Ausführung des Flows</numerusform>
            <numerusform>welche Ausführungen beim Senden liefen, ist nicht aufgezeichnet; jetzt laufen %n Ausführungen des Flows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::models::FleetController</name>
    <message numerus="yes">
        <source>%1 of %n account-region(s) done</source>
        <translation>
            <numerusform>%1 von %n Konto-Region erledigt</numerusform>
            <numerusform>%1 von %n Konto-Regionen erledigt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdesk::models::FleetRegionsModel</name>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Wird gelesen…</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Gelesen</translation>
    </message>
    <message numerus="yes">
        <source>Partial: runs of %n flow(s) unread (%1)</source>
        <translation>
            <numerusform>Teilweise: Ausführungen von %n Flow nicht gelesen (%1)</numerusform>
            <numerusform>Teilweise: Ausführungen von %n Flows nicht gelesen (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>Partial: the flow list is incomplete (%1)</source>
        <translation>Teilweise: die Flow-Liste ist unvollständig (%1)</translation>
    </message>
    <message>
        <source>Not read: the scan was stopped</source>
        <translation>Nicht gelesen: das Lesen wurde angehalten</translation>
    </message>
    <message>
        <source>Failed: credentials not accepted in this region (is it enabled for the account?)</source>
        <translation>Fehlgeschlagen: Anmeldedaten in dieser Region nicht akzeptiert (ist sie für das Konto aktiviert?)</translation>
    </message>
    <message>
        <source>Failed: role %1 may not read AppFlow here (AccessDeniedException)</source>
        <translation>Fehlgeschlagen: Rolle %1 darf AppFlow hier nicht lesen (AccessDeniedException)</translation>
    </message>
    <message>
        <source>Failed: no credentials: %1</source>
        <translation>Fehlgeschlagen: keine Anmeldedaten: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Account ID</source>
        <translation>Konto-ID</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Flows</source>
        <translation>Flows</translation>
    </message>
    <message>
        <source>Active runs</source>
        <translation>Aktive Ausführungen</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>flowdesk::models::FleetRunsModel</name>
    <message>
        <source>%1 (%2), role %3</source>
        <translation>%1 (%2), Rolle %3</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Flow</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>flowdesk::models::FlowListModel</name>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>%1?</source>
        <translation>%1?</translation>
    </message>
    <message>
        <source>Created %1 by %2</source>
        <translation>Erstellt %1 von %2</translation>
    </message>
    <message>
        <source>Updated %1 by %2</source>
        <translation>Aktualisiert %1 von %2</translation>
    </message>
    <message>
        <source>Tag %1 = %2</source>
        <translation>Tag %1 = %2</translation>
    </message>
    <message>
        <source>Source: %1
Destination: %2</source>
        <translation>Quelle: %1
Ziel: %2</translation>
    </message>
    <message>
        <source>Not known: the runs of this flow could not be read (%1).</source>
        <translation>Unbekannt: Die Ausführungen dieses Flows konnten nicht gelesen werden (%1).</translation>
    </message>
    <message>
        <source>%1 when last read; the latest read failed (%2).</source>
        <translation>%1 beim letzten Lesen; das letzte Lesen ist fehlgeschlagen (%2).</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Flow</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <source>Source → destination</source>
        <translation>Quelle → Ziel</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Letzte Ausführung</translation>
    </message>
    <message>
        <source>Last run time</source>
        <translation>Zeit der letzten Ausführung</translation>
    </message>
    <message>
        <source>Active runs</source>
        <translation>Aktive Ausführungen</translation>
    </message>
</context>
<context>
    <name>flowdesk::models::RefreshController</name>
    <message>
        <source>%1 at %2</source>
        <translation>%1 um %2</translation>
    </message>
</context>
<context>
    <name>flowdesk::sim::Simulator</name>
    <message>
        <source>No secret access key is configured: set one (tests generate one) so requests can be verified.</source>
        <translation>Es ist kein geheimer Zugriffsschlüssel eingestellt: Legen Sie einen fest (Tests erzeugen einen), damit Anfragen geprüft werden können.</translation>
    </message>
    <message>
        <source>The simulator is already listening on %1.</source>
        <translation>Der Simulator lauscht bereits auf %1.</translation>
    </message>
    <message>
        <source>Cannot listen on %1 port %2: the address is not local or the port is in use.</source>
        <translation>Auf %1 Port %2 kann nicht gelauscht werden: Die Adresse ist nicht lokal oder der Port ist belegt.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Flowdesk could not connect.</source>
        <translation>Flowdesk konnte keine Verbindung herstellen.</translation>
    </message>
    <message>
        <source>Fix the AWS configuration named above, or start Flowdesk with --demo to try the built-in simulator.</source>
        <translation>Beheben Sie die oben genannte AWS-Konfiguration oder starten Sie Flowdesk mit --demo, um den eingebauten Simulator auszuprobieren.</translation>
    </message>
</context>
</TS>
