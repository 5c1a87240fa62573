#include "CaseFinder.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>

namespace flowdesk::aws::suite {

namespace {

void addCasesIn(const QDir &directory, const QDir &root, QList<CaseLocation> &cases)
{
    QString relative = root.relativeFilePath(directory.absolutePath());
    if (relative == u".")
        relative = QFileInfo(directory.absolutePath()).fileName();

    if (directory.exists(QStringLiteral("request.txt"))) {
        const bool hasContext = directory.exists(QStringLiteral("context.json"));
        cases.append({hasContext ? CaseLocation::Format::AwsCrt : CaseLocation::Format::Derived,
                      directory.absolutePath(), QString(), relative});
    }
    const QStringList requests = directory.entryList({QStringLiteral("*.req")}, QDir::Files);
    for (const QString &file : requests) {
        const QString baseName = file.chopped(4);
        // botocore keeps one case per folder named like the case; say the name only if not.
        const QString name = baseName == directory.dirName() ? relative
                                                              : relative + u'/' + baseName;
        cases.append({CaseLocation::Format::Botocore, directory.absolutePath(), baseName, name});
    }
}

} // namespace

QList<CaseLocation> CaseFinder::find(const QString &root, QString *error)
{
    const QFileInfo info(root);
    if (!info.exists() || !info.isDir()) {
        *error = QStringLiteral("%1 is not a folder").arg(root);
        return {};
    }
    const QDir rootDir(info.absoluteFilePath());
    QList<CaseLocation> cases;
    addCasesIn(rootDir, rootDir, cases);
    // No FollowSymlinks: a link back up the tree must not make the walk endless.
    QDirIterator it(rootDir.absolutePath(), QDir::Dirs | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        addCasesIn(QDir(it.next()), rootDir, cases);
    std::sort(cases.begin(), cases.end(),
              [](const CaseLocation &a, const CaseLocation &b) { return a.name < b.name; });
    return cases;
}

} // namespace flowdesk::aws::suite
