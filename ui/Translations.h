#pragma once

namespace flowdesk {

// Loads Flowdesk's translations (at least the English plural forms) into the application.
// Call once after the QApplication exists; tests call it too, so they see what users see.
void installTranslations();

} // namespace flowdesk
