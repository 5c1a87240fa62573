#pragma once

// Helpers shared by the credential tests: temporary AWS config folders, an environment that
// points at them, and waiting for a CredentialSource's single answer.
#include "CredentialSource.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>

#include <optional>

namespace flowdesk::aws::test {

// A fake HOME with ~/.aws/ in it; env() has HOME set and no AWS_* variables from the shell.
class AwsHome
{
public:
    AwsHome()
    {
        QDir(m_dir.path()).mkpath(QStringLiteral(".aws/sso/cache"));
        m_env.insert(QStringLiteral("HOME"), m_dir.path());
        m_env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
    }

    bool isValid() const { return m_dir.isValid(); }
    QString path(const QString &relative = {}) const
    {
        return relative.isEmpty() ? m_dir.path() : m_dir.filePath(relative);
    }
    void write(const QString &relative, const QByteArray &content) const
    {
        QFile file(path(relative));
        QDir().mkpath(QFileInfo(file).absolutePath());
        QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate),
                 qPrintable(file.errorString()));
        file.write(content);
    }
    void writeConfig(const QByteArray &content) const { write(QStringLiteral(".aws/config"), content); }
    void writeCredentials(const QByteArray &content) const
    {
        write(QStringLiteral(".aws/credentials"), content);
    }

    QProcessEnvironment &env() { return m_env; }

private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
};

// Waits (test code only) for the one answer of `source`.
inline std::optional<CredentialsResult> fetch(CredentialSource *source, int timeoutMs = 20000)
{
    std::optional<CredentialsResult> answer;
    QObject context;
    source->requestCredentials(&context, [&](const CredentialsResult &r) { answer = r; });
    QElapsedTimer timer;
    timer.start();
    while (!answer && timer.elapsed() < timeoutMs)
        QTest::qWait(10);
    return answer;
}

} // namespace flowdesk::aws::test

#define FETCH_OK(source, out)                                                                   \
    do {                                                                                        \
        const auto answer_ = flowdesk::aws::test::fetch(source);                                \
        QVERIFY2(answer_.has_value(), "the credential source never answered");                  \
        QVERIFY2(answer_->ok(), qPrintable(answer_->error));                                    \
        out = answer_->credentials;                                                             \
    } while (false)

#define FETCH_ERROR(source, out)                                                                \
    do {                                                                                        \
        const auto answer_ = flowdesk::aws::test::fetch(source);                                \
        QVERIFY2(answer_.has_value(), "the credential source never answered");                  \
        QVERIFY2(!answer_->ok(), "expected an error, got credentials");                         \
        QVERIFY(!answer_->error.isEmpty());                                                     \
        out = answer_->error;                                                                   \
    } while (false)
