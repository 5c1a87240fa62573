#include "ProcessCredentialSource.h"

#include "CommandLineSplitter.h"
#include "CredentialLogging.h"
#include "GuardedCallback.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>

#include <utility>

namespace flowdesk::aws {

namespace {
// Enough for any real credential JSON (a few hundred bytes); a runaway command is stopped when
// it goes beyond, before it can fill memory.
constexpr qint64 kMaxOutput = 1024 * 1024;
constexpr qsizetype kMaxStderrShown = 2000;
// Standard error is not limited (a chatty command is no error) but only its end is kept.
constexpr qsizetype kMaxStderrKept = 64 * 1024;
} // namespace

ProcessCredentialSource::ProcessCredentialSource(const QString &command,
                                                 const QString &profileName, QObject *parent)
    : CredentialSource(parent)
    , m_command(command)
    , m_profileName(profileName)
{
}

QString ProcessCredentialSource::description() const
{
    return tr("credential_process of profile %1").arg(m_profileName);
}

QString ProcessCredentialSource::origin() const
{
    return tr("credential_process of profile '%1'").arg(m_profileName);
}

void ProcessCredentialSource::requestCredentials(QObject *context, Callback callback)
{
    m_waiting.append(guardedCallback(context, std::move(callback)));
    if (!m_process)
        start();
}

void ProcessCredentialSource::start()
{
    // The AWS CLI's splitting rules, not QProcess::splitCommand's (which knows only "…"): a
    // line written for the CLI (sh -c 'printf "…"') must run the same here.
    const CommandLineWords split = CommandLineSplitter::split(m_command);
    if (!split.ok()) {
        finish(credentialsError(tr("The %1 (%2) cannot be run: %3. Fix its quoting; the AWS CLI "
                                   "reads this setting the same way.")
                                    .arg(origin(), m_command, split.error)));
        return;
    }
    const QStringList &arguments = split.words;
    if (arguments.isEmpty()) {
        finish(credentialsError(tr("The %1 is empty. Set it to the command that prints "
                                   "credentials, or remove it.").arg(origin())));
        return;
    }

    auto *process = new QProcess(this);
    m_process = process;
    m_output.clear();
    m_errorTail.clear();
    process->setProcessEnvironment(m_environment);
    process->setProgram(arguments.first());
    process->setArguments(arguments.mid(1));
    process->setStandardInputFile(QProcess::nullDevice());

    m_timer = new QTimer(process);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this, process] {
        if (m_process != process)
            return;
        stop(process);
        finish(credentialsError(
            tr("The %1 (%2) did not finish within %3 seconds and was stopped. Check that it "
               "does not wait for input (such as a browser login or a prompt) and run it in a "
               "terminal to see what it does.")
                .arg(origin(), m_command)
                .arg(QString::number(static_cast<double>(m_timeout.count()) / 1000.0))));
    });

    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart || m_process != process)
            return; // crashes and exit codes arrive through finished()
        const QString reason = process->errorString();
        process->disconnect(this);
        process->deleteLater();
        m_process = nullptr;
        finish(credentialsError(tr("The %1 could not be started: \"%2\": %3. Check the command "
                                   "and that the program is installed and executable.")
                                    .arg(origin(), m_command, reason)));
    });

    // Output is taken as it arrives, so that a runaway command is stopped at the limit instead
    // of being buffered whole first.
    connect(process, &QProcess::readyReadStandardOutput, this, [this, process] {
        if (m_process == process && !drainOutput(process))
            stopForTooMuchOutput(process);
    });
    connect(process, &QProcess::readyReadStandardError, this, [this, process] {
        if (m_process == process)
            drainErrorOutput(process);
    });

    connect(process, &QProcess::finished, this,
            [this, process](int exitCode, QProcess::ExitStatus status) {
                if (m_process != process)
                    return;
                if (!drainOutput(process)) {
                    stopForTooMuchOutput(process);
                    return;
                }
                drainErrorOutput(process);
                m_timer->stop();
                const QByteArray output = std::exchange(m_output, {});
                QString errorText = QString::fromUtf8(std::exchange(m_errorTail, {})).trimmed();
                if (errorText.size() > kMaxStderrShown)
                    errorText = u'…' + errorText.right(kMaxStderrShown);
                process->deleteLater();
                m_process = nullptr;

                if (status != QProcess::NormalExit || exitCode != 0) {
                    const QString how = status != QProcess::NormalExit
                        ? tr("crashed")
                        : tr("failed with exit code %1").arg(exitCode);
                    QString message = tr("The %1 (%2) %3.").arg(origin(), m_command, how);
                    message += errorText.isEmpty()
                        ? tr(" It printed nothing on standard error.")
                        : tr(" Its error output:\n%1").arg(errorText);
                    finish(credentialsError(message));
                    return;
                }
                finish(parseOutput(output, origin()));
            });

    qCDebug(lcAwsCredentials) << "running credential_process of profile" << m_profileName;
    m_timer->start(m_timeout);
    process->start(QIODevice::ReadOnly);
}

bool ProcessCredentialSource::drainOutput(QProcess *process)
{
    process->setReadChannel(QProcess::StandardOutput);
    // One byte more than allowed tells "exactly at the limit" from "beyond it".
    m_output += process->read(kMaxOutput + 1 - m_output.size());
    return m_output.size() <= kMaxOutput;
}

void ProcessCredentialSource::drainErrorOutput(QProcess *process)
{
    // Only the end is shown (kMaxStderrShown characters); keep a bounded tail of it.
    m_errorTail += process->readAllStandardError();
    if (m_errorTail.size() > kMaxStderrKept)
        m_errorTail = m_errorTail.right(kMaxStderrKept);
}

void ProcessCredentialSource::stop(QProcess *process)
{
    process->disconnect(this);
    if (process->state() == QProcess::NotRunning) {
        process->deleteLater(); // stopped from finished(): nothing left to kill
    } else {
        // Delete it once it is really gone: destroying a running QProcess blocks.
        connect(process, &QProcess::finished, process, &QObject::deleteLater);
        process->kill();
    }
    m_process = nullptr;
    m_output.clear();
    m_errorTail.clear();
}

void ProcessCredentialSource::stopForTooMuchOutput(QProcess *process)
{
    m_timer->stop();
    stop(process);
    finish(credentialsError(
        tr("The %1 (%2) printed more than %3 MiB on standard output and was stopped. The "
           "credentials JSON is far smaller: check that the command prints only that JSON "
           "(run it in a terminal to see what it prints).")
            .arg(origin(), m_command)
            .arg(kMaxOutput / (1024 * 1024))));
}

void ProcessCredentialSource::finish(const CredentialsResult &result)
{
    // Only the first line: what follows is the command's own error output.
    if (!result.ok())
        qCWarning(lcAwsCredentials).noquote() << result.error.section(u'\n', 0, 0);
    const QList<Callback> waiting = std::exchange(m_waiting, {});
    for (const Callback &callback : waiting)
        callback(result);
}

CredentialsResult ProcessCredentialSource::parseOutput(const QByteArray &output,
                                                       const QString &origin)
{
    const QByteArray trimmed = output.trimmed();
    if (trimmed.isEmpty())
        return credentialsError(tr("The %1 printed nothing. It must print a JSON object with "
                                   "Version 1, AccessKeyId and SecretAccessKey.").arg(origin));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(trimmed, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return credentialsError(
            tr("The %1 printed something that is not a JSON object (%2 at offset %3). It must "
               "print only the credentials JSON (Version 1, AccessKeyId, SecretAccessKey, "
               "SessionToken, Expiration) on standard output.")
                .arg(origin,
                     parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                  : tr("not an object"))
                .arg(parseError.error != QJsonParseError::NoError ? parseError.offset : 0));

    const QJsonObject object = document.object();
    const QJsonValue version = object.value(QLatin1String("Version"));
    if (!version.isDouble() || version.toDouble() != 1.0)
        return credentialsError(tr("The %1 printed JSON without \"Version\": 1 (the only "
                                   "version of the credential_process format).").arg(origin));

    CredentialsResult result;
    Credentials &c = result.credentials;
    c.accessKeyId = object.value(QLatin1String("AccessKeyId")).toString();
    c.secretAccessKey = object.value(QLatin1String("SecretAccessKey")).toString();
    c.sessionToken = object.value(QLatin1String("SessionToken")).toString();
    QStringList missing;
    if (c.accessKeyId.isEmpty())
        missing << QStringLiteral("AccessKeyId");
    if (c.secretAccessKey.isEmpty())
        missing << QStringLiteral("SecretAccessKey");
    if (!missing.isEmpty())
        return credentialsError(tr("The %1 printed JSON without %2.")
                                    .arg(origin, missing.join(QLatin1String(" and "))));

    const QJsonValue expiration = object.value(QLatin1String("Expiration"));
    if (!expiration.isUndefined() && !expiration.isNull()) {
        c.expiration = QDateTime::fromString(expiration.toString(), Qt::ISODateWithMs);
        if (!c.expiration.isValid())
            return credentialsError(tr("The %1 printed an Expiration that is not an ISO 8601 "
                                       "time (\"%2\").").arg(origin, expiration.toString()));
        if (c.expiration <= QDateTime::currentDateTimeUtc())
            return credentialsError(tr("The %1 printed credentials that already expired at %2.")
                                        .arg(origin, c.expiration.toUTC().toString(Qt::ISODate)));
    } else if (c.isTemporary()) {
        // The contract allows this; such credentials are used until the service rejects them.
        qCDebug(lcAwsCredentials) << "credential_process returned a session token without "
                                     "Expiration";
    }
    return result;
}

} // namespace flowdesk::aws
