#include "AuditCsvExporter.h"
#include "AuditTestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowdesk::audit;
using namespace flowdesk::audit::test;

class TstAuditCsvExporter : public QObject
{
    Q_OBJECT

private slots:
    void quotesOnlyWhatNeedsIt_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("csv");
        QTest::newRow("plain") << QStringLiteral("orders-to-s3") << QStringLiteral("orders-to-s3");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
        QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
        QTest::newRow("newline") << QStringLiteral("line1\nline2") << QStringLiteral("\"line1\nline2\"");
        QTest::newRow("carriage return") << QStringLiteral("a\rb") << QStringLiteral("\"a\rb\"");
        QTest::newRow("spaces kept") << QStringLiteral(" x ") << QStringLiteral(" x ");
    }
    void quotesOnlyWhatNeedsIt()
    {
        QFETCH(QString, field);
        QFETCH(QString, csv);
        QCOMPARE(AuditCsvExporter::quoted(field), csv);
    }

    // OWASP's CSV injection rule: a cell starting with = + - @ TAB or CR gets a leading ',
    // and is still quoted as RFC 4180 needs.
    void formulaTriggersAreNeutralised_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("csv");
        QTest::newRow("=") << QStringLiteral("=cancelStarted") << QStringLiteral("'=cancelStarted");
        QTest::newRow("= with comma and quotes")
            << QStringLiteral("=HYPERLINK(\"http://x\",\"y\")")
            << QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        QTest::newRow("+") << QStringLiteral("+1+2") << QStringLiteral("'+1+2");
        QTest::newRow("-") << QStringLiteral("-2+3") << QStringLiteral("'-2+3");
        QTest::newRow("@") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
        QTest::newRow("tab") << QStringLiteral("\t=1") << QStringLiteral("'\t=1");
        QTest::newRow("carriage return") << QStringLiteral("\r=1") << QStringLiteral("\"'\r=1\"");
        QTest::newRow("= later is fine") << QStringLiteral("e-1=cancelStarted")
                                         << QStringLiteral("e-1=cancelStarted");
        QTest::newRow("leading space is not a trigger") << QStringLiteral(" =1") << QStringLiteral(" =1");
        QTest::newRow("empty") << QString() << QString();
    }
    void formulaTriggersAreNeutralised()
    {
        QFETCH(QString, field);
        QFETCH(QString, csv);
        QCOMPARE(AuditCsvExporter::quoted(AuditCsvExporter::neutralised(field)), csv);
    }

    void exportedCellsNeverStartAFormula()
    {
        AuditEntry intent = sampleIntent();
        intent.flowName = QStringLiteral("@evil");
        intent.executionIds = {QStringLiteral("=1+1"), QStringLiteral("e-2")};
        AuditEntry result = sampleResult(intent);
        result.outcomes.first().executionId.clear(); // its cell reads "=cancelStarted"
        result.error = QStringLiteral("-cmd|' /C calc'!A0");
        const QString csv = QString::fromUtf8(AuditCsvExporter::toCsv({intent, result}));
        QVERIFY2(csv.contains(QStringLiteral(",'@evil,'=1+1; e-2,")), qPrintable(csv));
        QVERIFY2(csv.contains(QStringLiteral(",'=cancelStarted; ")), qPrintable(csv));
        QVERIFY2(csv.contains(QStringLiteral(",'-cmd|' /C calc'!A0\r\n")), qPrintable(csv));
        // Read back as a spreadsheet would split it: no cell starts with a trigger.
        for (const QString &row : csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts)) {
            for (const QString &cell : row.split(u',')) {
                const QString unquoted = cell.startsWith(u'"') ? cell.mid(1) : cell;
                QVERIFY2(unquoted.isEmpty()
                             || !QStringLiteral("=+-@\t\r").contains(unquoted.front()),
                         qPrintable(cell));
            }
        }
    }

    void oneRowPerEntryWithHeader()
    {
        const AuditEntry intent = sampleIntent();
        AuditEntry result = sampleResult(intent);
        result.error = QStringLiteral("AccessDeniedException: User is not authorized,\n\"really\"");
        const QString csv = QString::fromUtf8(AuditCsvExporter::toCsv({intent, result}));
        QVERIFY(csv.endsWith(QStringLiteral("\r\n")));
        const QStringList rows = csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 3); // the error's LF is inside quotes, not a row break
        QCOMPARE(rows.at(0), AuditCsvExporter::columns().join(u','));
        QCOMPARE(rows.at(1),
                 QStringLiteral("2024-05-01T12:03:04.123Z,intent,6f1c2c7e-3a55-4c1e-9a55-0d3f5c1b2a10,"
                                "orders-to-s3,e-1; e-2,prod-ops,123456789012,,eu-west-1,"
                                "https://appflow.eu-west-1.amazonaws.com,alice,,yes,,,,"));
        QVERIFY2(rows.at(2).contains(QStringLiteral("e-1=cancelStarted; e-2=notCancellable (already finished (Successful))")),
                 qPrintable(rows.at(2)));
        QVERIFY2(rows.at(2).endsWith(QStringLiteral(",\"AccessDeniedException: User is not authorized,\n\"\"really\"\"\"")),
                 qPrintable(rows.at(2)));
    }

    void viaNamesTheToolThatSentTheCancel()
    {
        AuditEntry intent = sampleIntent();
        intent.via = QStringLiteral("flowdesk-cli");
        const QStringList rows = QString::fromUtf8(AuditCsvExporter::toCsv({intent}))
                                     .split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 2);
        const int viaColumn = AuditCsvExporter::columns().indexOf(QStringLiteral("via"));
        QVERIFY(viaColumn > 0);
        QCOMPARE(rows.at(1).split(u',').at(viaColumn), QStringLiteral("flowdesk-cli"));
    }

    void allActiveRunsShowsAll()
    {
        AuditEntry entry = sampleIntent();
        entry.allActiveRuns = true;
        entry.executionIds.clear();
        const QString csv = QString::fromUtf8(AuditCsvExporter::toCsv({entry}));
        QVERIFY(csv.contains(QStringLiteral(",orders-to-s3,all,")));
    }

    void writesAFileOrSaysWhyNot()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.csv"));
        QString error;
        QVERIFY2(AuditCsvExporter::writeFile({sampleIntent()}, path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), AuditCsvExporter::toCsv({sampleIntent()}));

        QVERIFY(!AuditCsvExporter::writeFile({sampleIntent()}, dir.filePath(QStringLiteral("no/such/dir/x.csv")), &error));
        QVERIFY2(error.contains(QStringLiteral("Cannot export to")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TstAuditCsvExporter)
#include "tst_auditcsvexporter.moc"
