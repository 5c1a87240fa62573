// The expected words are what a POSIX shell (sh, bash) makes of the line with word splitting
// and quote removal, and on Windows what CommandLineToArgvW's argument rules give — the two
// rule sets botocore uses for credential_process. Each table is worked out by hand from those
// rules, not by running the splitter.
#include "CommandLineSplitter.h"

#include <QtTest>

using namespace flowdesk::aws;

class TstCommandLineSplitter : public QObject
{
    Q_OBJECT

private:
    // QT_NO_CAST_FROM_ASCII: the tables are written as UTF-8 literals.
    static QStringList words(std::initializer_list<const char *> list)
    {
        QStringList result;
        for (const char *word : list)
            result << QString::fromUtf8(word);
        return result;
    }
    static void addColumns()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("words");
    }
    static void addErrorColumns()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("fragment");
    }

private slots:
    void posix_data()
    {
        addColumns();
        QTest::newRow("plain") << QStringLiteral("aws-vault exec prod --json")
                               << words({"aws-vault", "exec", "prod", "--json"});
        QTest::newRow("nothing") << QString() << words({});
        QTest::newRow("only blanks") << QStringLiteral(" \t \n ") << words({});
        QTest::newRow("tabs and runs of blanks")
            << QStringLiteral("  a \t b\t\tc  ") << words({"a", "b", "c"});
        QTest::newRow("newline separates") << QStringLiteral("a\nb") << words({"a", "b"});
        QTest::newRow("single-quoted path with spaces")
            << QStringLiteral("'/opt/My Tools/creds' --profile prod")
            << words({"/opt/My Tools/creds", "--profile", "prod"});
        QTest::newRow("double-quoted path with spaces")
            << QStringLiteral("\"/opt/My Tools/creds\" x") << words({"/opt/My Tools/creds", "x"});
        QTest::newRow("backslash-escaped spaces")
            << QStringLiteral("/opt/My\\ Tools/creds") << words({"/opt/My Tools/creds"});
        QTest::newRow("quoted tab is kept") << QStringLiteral("'a\tb'") << words({"a\tb"});
        QTest::newRow("empty word from ''") << QStringLiteral("cmd '' x")
                                            << words({"cmd", "", "x"});
        QTest::newRow("empty word from \"\"") << QStringLiteral("cmd \"\" x")
                                              << words({"cmd", "", "x"});
        QTest::newRow("empty word last") << QStringLiteral("cmd ''") << words({"cmd", ""});
        QTest::newRow("only an empty word") << QStringLiteral("''") << words({""});
        QTest::newRow("'' inside a word vanishes") << QStringLiteral("ab''cd")
                                                   << words({"abcd"});
        QTest::newRow("adjacent parts join")
            << QStringLiteral("a'b c'\"d e\"f\\ g") << words({"ab cd ef g"});
        QTest::newRow("single quotes keep backslashes and double quotes")
            << QStringLiteral("'a\\\"b\\\\c'") << words({"a\\\"b\\\\c"});
        QTest::newRow("single quote inside double quotes")
            << QStringLiteral("\"it's\"") << words({"it's"});
        QTest::newRow("double quotes inside single quotes")
            << QStringLiteral("'say \"hi\"'") << words({"say \"hi\""});
        QTest::newRow("escaped double quotes inside double quotes")
            << QStringLiteral("\"say \\\"hi\\\"\"") << words({"say \"hi\""});
        QTest::newRow("escaped backslash inside double quotes")
            << QStringLiteral("\"C:\\\\dir\"") << words({"C:\\dir"});
        QTest::newRow("escaped $ and ` inside double quotes")
            << QStringLiteral("\"\\$HOME \\`x\\`\"") << words({"$HOME `x`"});
        QTest::newRow("other backslashes stay inside double quotes")
            << QStringLiteral("\"a\\b\\n\\'\"") << words({"a\\b\\n\\'"});
        QTest::newRow("backslash outside quotes escapes any character")
            << QStringLiteral("a\\'b \\\"c\\\\d \\x") << words({"a'b", "\"c\\d", "x"});
        QTest::newRow("escaped quote does not open a quote")
            << QStringLiteral("\\'a b") << words({"'a", "b"});
        QTest::newRow("backslash-newline continues the line")
            << QStringLiteral("ab\\\ncd e") << words({"abcd", "e"});
        QTest::newRow("backslash-newline inside double quotes disappears")
            << QStringLiteral("\"ab\\\ncd\"") << words({"abcd"});
        QTest::newRow("newline inside quotes is kept")
            << QStringLiteral("'a\nb'") << words({"a\nb"});
        QTest::newRow("sh -c with JSON in single quotes")
            << QStringLiteral("sh -c 'printf \"{\\\"Version\\\": 1}\"'")
            << words({"sh", "-c", "printf \"{\\\"Version\\\": 1}\""});
        QTest::newRow("sh -c with JSON in double quotes")
            << QStringLiteral("sh -c \"printf '{\\\"Version\\\": 1}'\"")
            << words({"sh", "-c", "printf '{\"Version\": 1}'"});
        QTest::newRow("operators and # are ordinary characters (no shell runs)")
            << QStringLiteral("a|b ; c>d #e $X") << words({"a|b", ";", "c>d", "#e", "$X"});
        QTest::newRow("non-ASCII") << QStringLiteral("'/home/jörg/crédits' ü")
                                   << words({"/home/jörg/crédits", "ü"});
    }
    void posix()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, words);
        const CommandLineWords split = CommandLineSplitter::splitPosix(line);
        QVERIFY2(split.ok(), qPrintable(split.error));
        QCOMPARE(split.words, words);
    }

    void posixErrors_data()
    {
        addErrorColumns();
        QTest::newRow("unclosed single quote")
            << QStringLiteral("sh -c 'printf x") << QStringLiteral("single quote at character 7 is never closed");
        QTest::newRow("unclosed double quote")
            << QStringLiteral("\"/opt/My Tools/creds") << QStringLiteral("double quote at character 1 is never closed");
        QTest::newRow("escaped closing double quote")
            << QStringLiteral("x \"abc\\\"") << QStringLiteral("double quote at character 3 is never closed");
        QTest::newRow("apostrophe in double quotes, double unclosed")
            << QStringLiteral("\"it's") << QStringLiteral("double quote at character 1 is never closed");
        QTest::newRow("quote after an escaped quote")
            << QStringLiteral("\\''") << QStringLiteral("single quote at character 3 is never closed");
        QTest::newRow("trailing backslash")
            << QStringLiteral("creds --profile\\") << QStringLiteral("ends with a backslash");
        QTest::newRow("lone backslash") << QStringLiteral("\\") << QStringLiteral("ends with a backslash");
    }
    void posixErrors()
    {
        QFETCH(QString, line);
        QFETCH(QString, fragment);
        const CommandLineWords split = CommandLineSplitter::splitPosix(line);
        QVERIFY(!split.ok());
        QVERIFY2(split.error.contains(fragment), qPrintable(split.error));
        QVERIFY(split.words.isEmpty());
    }

    void windows_data()
    {
        addColumns();
        // Microsoft's "Parsing C++ command-line arguments" examples first.
        QTest::newRow("ms: quoted word") << QStringLiteral("\"abc\" d e")
                                         << words({"abc", "d", "e"});
        QTest::newRow("ms: backslashes without a quote are literal")
            << QStringLiteral("a\\\\b d\"e f\"g h") << words({"a\\\\b", "de fg", "h"});
        QTest::newRow("ms: 2n+1 backslashes before a quote")
            << QStringLiteral("a\\\\\\\"b c d") << words({"a\\\"b", "c", "d"});
        QTest::newRow("ms: 2n backslashes before a quote")
            << QStringLiteral("a\\\\\\\\\"b c\" d e") << words({"a\\\\b c", "d", "e"});
        QTest::newRow("nothing") << QString() << words({});
        QTest::newRow("tabs and runs of blanks") << QStringLiteral("  a \t b\t\tc  ")
                                                 << words({"a", "b", "c"});
        QTest::newRow("newline is not a separator") << QStringLiteral("a\nb")
                                                    << words({"a\nb"});
        QTest::newRow("unquoted path with spaces splits")
            << QStringLiteral("C:\\Program Files\\creds.exe")
            << words({"C:\\Program", "Files\\creds.exe"});
        QTest::newRow("quoted path with spaces")
            << QStringLiteral("\"C:\\Program Files\\Amazon\\creds.exe\" --profile prod")
            << words({"C:\\Program Files\\Amazon\\creds.exe", "--profile", "prod"});
        QTest::newRow("quoted folder ending in an escaped backslash")
            << QStringLiteral("\"C:\\dir\\\\\" next") << words({"C:\\dir\\", "next"});
        QTest::newRow("empty word from \"\"") << QStringLiteral("cmd \"\" x")
                                              << words({"cmd", "", "x"});
        QTest::newRow("empty word last") << QStringLiteral("cmd \"\"") << words({"cmd", ""});
        QTest::newRow("single quotes are ordinary") << QStringLiteral("'a b'")
                                                    << words({"'a", "b'"});
        QTest::newRow("trailing backslashes are literal") << QStringLiteral("dir\\\\ x\\")
                                                          << words({"dir\\\\", "x\\"});
        QTest::newRow("escaped quotes inside a quoted JSON argument")
            << QStringLiteral("powershell -Command \"Write-Output '{\\\"Version\\\": 1}'\"")
            << words({"powershell", "-Command", "Write-Output '{\"Version\": 1}'"});
    }
    void windows()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, words);
        const CommandLineWords split = CommandLineSplitter::splitWindows(line);
        QVERIFY2(split.ok(), qPrintable(split.error));
        QCOMPARE(split.words, words);
    }

    void windowsErrors_data()
    {
        addErrorColumns();
        QTest::newRow("unclosed quote") << QStringLiteral("x \"C:\\Program Files\\creds.exe")
                                        << QStringLiteral("double quote at character 3 is never closed");
        QTest::newRow("escaped closing quote") << QStringLiteral("\"C:\\dir\\\" next")
                                               << QStringLiteral("double quote at character 1 is never closed");
    }
    void windowsErrors()
    {
        QFETCH(QString, line);
        QFETCH(QString, fragment);
        const CommandLineWords split = CommandLineSplitter::splitWindows(line);
        QVERIFY(!split.ok());
        QVERIFY2(split.error.contains(fragment), qPrintable(split.error));
        QVERIFY(split.words.isEmpty());
    }

    void splitUsesThePlatformsRules()
    {
        const QString line = QStringLiteral("'a b'");
#ifdef Q_OS_WIN
        QCOMPARE(CommandLineSplitter::split(line).words, CommandLineSplitter::splitWindows(line).words);
#else
        QCOMPARE(CommandLineSplitter::split(line).words, words({"a b"}));
#endif
    }
};

QTEST_GUILESS_MAIN(TstCommandLineSplitter)
#include "tst_commandlinesplitter.moc"
