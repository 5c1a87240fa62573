// flowdesk-sigv4-suite itself: that it finds cases of every format, passes good ones, and —
// the point of a runner — names the step that differs when a vector is corrupted, instead of
// passing on nothing. Runs the real executable on copies of the shared vectors.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kSuiteDir = QStringLiteral(FLOWDESK_SIGV4_SUITE_DIR);

bool copyTree(const QString &from, const QString &to)
{
    const QDir source(from);
    if (!QDir().mkpath(to))
        return false;
    for (const QFileInfo &entry :
         source.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString target = to + u'/' + entry.fileName();
        const bool ok = entry.isDir() ? copyTree(entry.filePath(), target)
                                      : QFile::copy(entry.filePath(), target);
        if (!ok)
            return false;
    }
    return true;
}

// Replaces the first occurrence of `from` in a file; false when it is not there.
bool corrupt(const QString &path, const QByteArray &from, const QByteArray &to)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite))
        return false;
    QByteArray text = file.readAll();
    const qsizetype at = text.indexOf(from);
    if (at < 0)
        return false;
    text.replace(at, from.size(), to);
    file.resize(0);
    file.seek(0);
    return file.write(text) == text.size();
}

struct RunResult {
    int exitCode = -1;
    QString out;
    QString err;
    QString lastLine() const { return out.trimmed().split(u'\n').last(); }
};

RunResult runSuite(const QStringList &arguments)
{
    const QString binDir = qEnvironmentVariable("FLOWDESK_BIN_DIR");
    QProcess process;
    process.start(binDir + u"/flowdesk-sigv4-suite", arguments);
    RunResult result;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit)
        return result;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace

class TestSigV4SuiteRunner : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void passesGoodCasesOfEveryFormat();
    void namesTheStepThatDiffers_data();
    void namesTheStepThatDiffers();
    void unloadableCaseFails();
    void emptyFolderFails();
    void missingFolderFails();

private:
    QTemporaryDir m_dir;
    QString copyCase(const QString &relativePath, const QString &as);
};

void TestSigV4SuiteRunner::initTestCase()
{
    if (!QDir(kSuiteDir).exists()) {
        QFAIL(qPrintable(u"The SigV4 test suite was not found at " + kSuiteDir
                         + u"; check out shared/ beside the repository or set FLOWDESK_SHARED_DIR."));
    }
    QVERIFY2(QFile::exists(qEnvironmentVariable("FLOWDESK_BIN_DIR") + u"/flowdesk-sigv4-suite"),
             "flowdesk-sigv4-suite is not built in FLOWDESK_BIN_DIR");
    QVERIFY(m_dir.isValid());
}

QString TestSigV4SuiteRunner::copyCase(const QString &relativePath, const QString &as)
{
    const QString target = m_dir.filePath(as);
    if (!copyTree(kSuiteDir + u'/' + relativePath, target))
        qFatal("cannot copy %s", qPrintable(relativePath));
    return target;
}

void TestSigV4SuiteRunner::passesGoodCasesOfEveryFormat()
{
    const QString root = m_dir.filePath(QStringLiteral("good"));
    copyCase(QStringLiteral("aws-c-auth/v4/get-utf8"), QStringLiteral("good/crt/get-utf8"));
    copyCase(QStringLiteral("botocore/aws4_testsuite/post-sts-token"),
             QStringLiteral("good/boto/post-sts-token"));
    copyCase(QStringLiteral("smithy-rs-extra/v4/double-url-encode"),
             QStringLiteral("good/derived/double-url-encode"));

    const RunResult result = runSuite({QStringLiteral("--verbose"), root});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.lastLine(), QStringLiteral("4 passed, 0 failed"));
    QVERIFY(result.out.contains(u"case crt/get-utf8 (aws-c-auth)"));
    QVERIFY(result.out.contains(u"case boto/post-sts-token/post-sts-header-after (botocore)"));
    QVERIFY(result.out.contains(u"case derived/double-url-encode (derived)"));
    QVERIFY(result.out.contains(u"query presigned query: ok"));
    QVERIFY(!result.out.contains(u"FAIL"));
}

void TestSigV4SuiteRunner::namesTheStepThatDiffers_data()
{
    QTest::addColumn<QString>("casePath");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QString>("expectedLine");

    QTest::newRow("aws-c-auth query canonical request")
        << QStringLiteral("aws-c-auth/v4/get-utf8") << QStringLiteral("query-canonical-request.txt")
        << QByteArray("/%E1%88%B4") << QByteArray("/%E1%88%B5")
        << QStringLiteral("query canonical request differs: line 2, column 10");
    QTest::newRow("aws-c-auth header string to sign")
        << QStringLiteral("aws-c-auth/v4/get-vanilla")
        << QStringLiteral("header-string-to-sign.txt") << QByteArray("us-east-1")
        << QByteArray("us-east-2") << QStringLiteral("header string to sign differs: line 3");
    QTest::newRow("botocore signature")
        << QStringLiteral("botocore/aws4_testsuite/get-vanilla")
        << QStringLiteral("get-vanilla.authz") << QByteArray("Signature=5")
        << QByteArray("Signature=6") << QStringLiteral("header signature differs");
    QTest::newRow("botocore canonical request")
        << QStringLiteral("botocore/aws4_testsuite/get-header-value-trim")
        << QStringLiteral("get-header-value-trim.creq") << QByteArray("\"a b c\"")
        << QByteArray("\"a   b   c\"")
        << QStringLiteral("header canonical request differs: line 6");
    QTest::newRow("derived authorization")
        << QStringLiteral("smithy-rs-extra/v4/double-url-encode")
        << QStringLiteral("header-signed-request.txt") << QByteArray("SignedHeaders=host;")
        << QByteArray("SignedHeaders=host,") << QStringLiteral("header authorization differs");
}

void TestSigV4SuiteRunner::namesTheStepThatDiffers()
{
    QFETCH(QString, casePath);
    QFETCH(QString, file);
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QString, expectedLine);

    const QString as = u"bad-" + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
    const QString directory = copyCase(casePath, as);
    QVERIFY(corrupt(directory + u'/' + file, from, to));

    const RunResult result = runSuite({directory});
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.lastLine(), QStringLiteral("0 passed, 1 failed"));
    const QStringList lines = result.out.trimmed().split(u'\n');
    QCOMPARE(lines.size(), 2); // one line per failing case, then the summary
    QVERIFY2(lines.first().startsWith(u"FAIL ") && lines.first().contains(expectedLine),
             qPrintable(lines.first()));
}

void TestSigV4SuiteRunner::unloadableCaseFails()
{
    const QString directory = copyCase(QStringLiteral("aws-c-auth/v4/get-vanilla"),
                                       QStringLiteral("unloadable"));
    QVERIFY(corrupt(directory + u"/context.json", "{", "["));
    const RunResult result = runSuite({directory});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.contains(u"cannot load the case: context.json is not a JSON object"));
    QCOMPARE(result.lastLine(), QStringLiteral("0 passed, 1 failed"));
}

void TestSigV4SuiteRunner::emptyFolderFails()
{
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("empty/sub"))));
    const RunResult result = runSuite({m_dir.filePath(QStringLiteral("empty"))});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains(u"no test case found"));
    QCOMPARE(result.lastLine(), QStringLiteral("0 passed, 0 failed"));
}

void TestSigV4SuiteRunner::missingFolderFails()
{
    const RunResult result = runSuite({m_dir.filePath(QStringLiteral("does-not-exist"))});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains(u"is not a folder"));
}

QTEST_GUILESS_MAIN(TestSigV4SuiteRunner)
#include "tst_sigv4suiterunner.moc"
