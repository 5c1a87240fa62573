// flowdesk-pseudolocale IN.ts OUT.ts
//
// Turns the English source strings that lupdate extracted (IN.ts) into a pseudo-translation
// (OUT.ts): every string accented and about 40 % longer, in brackets, e.g.
// "Select runs" -> "[Ŝéļéçţ ŕûñš ~~~~]". Loaded with FLOWDESK_LANGUAGE=pseudo it shows at a
// glance which text is not translatable (still plain ASCII), which is cut off (the closing
// bracket is missing) and which layout cannot take a longer language (tst_clippedtext).
#include "PseudoLocale.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 3) {
        QTextStream(stderr) << "usage: flowdesk-pseudolocale IN.ts OUT.ts\n";
        return 2;
    }
    QFile in(args.at(1));
    if (!in.open(QIODevice::ReadOnly)) {
        QTextStream(stderr) << "flowdesk-pseudolocale: cannot read " << in.fileName() << ": "
                            << in.errorString() << '\n';
        return 1;
    }
    QString error;
    const QByteArray out = flowdesk::pseudo::pseudoTranslateTs(in.readAll(), &error);
    if (!error.isEmpty()) {
        QTextStream(stderr) << "flowdesk-pseudolocale: " << in.fileName() << ": " << error << '\n';
        return 1;
    }
    QFile outFile(args.at(2));
    if (!outFile.open(QIODevice::WriteOnly | QIODevice::Truncate) || outFile.write(out) != out.size()) {
        QTextStream(stderr) << "flowdesk-pseudolocale: cannot write " << outFile.fileName() << ": "
                            << outFile.errorString() << '\n';
        return 1;
    }
    return 0;
}
