#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace flowdesk::aws {

// The words of a command line, or why it has none.
struct CommandLineWords {
    QStringList words;
    QString error; // empty when the split succeeded; says what is wrong and where

    bool ok() const { return error.isEmpty(); }
};

// Splits a command held in the AWS config (credential_process) into program and arguments the
// way botocore does (compat_shell_split), so a line that works with the AWS CLI works here:
// no shell runs, the words go straight to the program.
//
// POSIX rules (Linux, macOS), those of a POSIX shell's word splitting and quote removal:
// - words are separated by runs of space, tab, newline (and CR, which botocore's shlex also
//   treats as a separator); leading and trailing separators make no word;
// - '…' keeps everything literally up to the next single quote (no escape inside);
// - "…" keeps everything literally except that a backslash escapes \ " $ ` and newline
//   (a backslash-newline pair is removed); before any other character the backslash stays;
// - outside quotes a backslash makes the next character literal (backslash-newline is removed);
// - quoted and unquoted parts next to each other form one word, and '' or "" alone is an empty
//   word;
// - nothing else is special: no variables, globbing, comments or operators (| ; & < > are
//   ordinary characters, as no shell runs).
// Errors: an unclosed quote, a backslash that ends the line (botocore fails on both too).
//
// Windows rules (botocore's _windows_shell_split, the argument rules of CommandLineToArgvW):
// words are separated by spaces and tabs outside "…"; 2n backslashes before a " give n
// backslashes and the quote toggles quoting, 2n+1 give n backslashes and a literal "; other
// backslashes are literal; "" is an empty word. An unclosed " is an error (as in botocore).
class CommandLineSplitter
{
    Q_DECLARE_TR_FUNCTIONS(CommandLineSplitter)

public:
    // The rules of the platform Flowdesk was built for.
    static CommandLineWords split(const QString &commandLine);

    // Both are plain string processing, available (and tested) on every platform.
    static CommandLineWords splitPosix(const QString &commandLine);
    static CommandLineWords splitWindows(const QString &commandLine);
};

} // namespace flowdesk::aws
