# Installers built with CPack: `./dev package` (or `cpack` in build/release) writes them to
# <build>/packages/. One package per platform:
#   Linux    DEB        built and tested here (tests/packaging, packaging/linux/verify-deb.sh)
#   Windows  WIX (.msi) packaging/windows: windeployqt, icon        — untested
#   macOS    DragNDrop  packaging/macos: app bundle, macdeployqt    — untested
# What goes into a package is what `cmake --install` installs: the executables (app/, app/sim/)
# and the per-platform files from packaging/.

# Identity shared by the desktop entry, the AppStream metainfo, the macOS bundle and the
# installers. The reverse-DNS ID follows the organization domain set in app/main.cpp; change
# both together, and never change the WiX upgrade GUID below.
set(FLOWDESK_APP_ID "invalid.flowdesk.Flowdesk")
set(FLOWDESK_VENDOR "Flowdesk maintainers")
set(FLOWDESK_CONTACT "Flowdesk maintainers <maintainers@flowdesk.invalid>")

set(CPACK_PACKAGE_NAME "flowdesk")
set(CPACK_PACKAGE_VENDOR "${FLOWDESK_VENDOR}")
set(CPACK_PACKAGE_CONTACT "${FLOWDESK_CONTACT}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# Debian shows this below the summary; CPack folds it into the control file's format
# (each line indented, blank lines as " .").
set(CPACK_PACKAGE_DESCRIPTION [[
Flowdesk lets operations staff administer Amazon AppFlow from the desktop:
browse the flows of one or more AWS accounts and regions side by side,
watch each flow's runs as they progress, and cancel runs in progress.

Before a cancel is sent, a confirmation states which runs are affected,
what cancelling costs and what it cannot undo; every cancel is written
to an append-only audit log.

Requests are signed with AWS Signature Version 4 using the AWS CLI's
profiles; secrets that Flowdesk stores itself go to the system keyring
(Secret Service). The package also contains flowdesk-sim, a local
AppFlow simulator for trying Flowdesk without an AWS account.]])
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Flowdesk")
set(CPACK_PACKAGE_EXECUTABLES "flowdesk;Flowdesk")
set(CPACK_PACKAGE_DIRECTORY "${CMAKE_BINARY_DIR}/packages")
set(CPACK_STRIP_FILES ON)
set(CPACK_VERBATIM_VARIABLES ON)

if(WIN32)
    set(CPACK_GENERATOR "WIX")
    # Fixed for the life of the product: Windows Installer recognises an older Flowdesk by it
    # and replaces it on upgrade. A new GUID would install side by side.
    set(CPACK_WIX_UPGRADE_GUID "43CB6629-DF74-412F-9BE2-DBBF2F9601B3")
    set(CPACK_WIX_PRODUCT_ICON "${PROJECT_SOURCE_DIR}/packaging/windows/flowdesk.ico")
    set(CPACK_WIX_PROGRAM_MENU_FOLDER "Flowdesk")
    set(CPACK_WIX_PROPERTY_ARPURLINFOABOUT "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_WIX_PROPERTY_ARPCONTACT "${FLOWDESK_CONTACT}")
    set(CPACK_WIX_ARCHITECTURE "x64")
elseif(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
    set(CPACK_DMG_VOLUME_NAME "Flowdesk")
    set(CPACK_DMG_FORMAT "UDZO")
    # The bundle is signed (or ad-hoc signed) by macdeployqt; stripping afterwards would break it.
    set(CPACK_STRIP_FILES OFF)
else()
    set(CPACK_GENERATOR "DEB")
    set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT") # flowdesk_<version>-<release>_<arch>.deb
    set(CPACK_DEBIAN_PACKAGE_RELEASE "1")
    set(CPACK_DEBIAN_PACKAGE_SECTION "admin")
    set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
    # dpkg-shlibdeps finds the libraries the executables link. It cannot see what is loaded
    # at run time: QtKeychain's Secret Service backend (libsecret), Qt's platform plugins
    # (xcb, wayland) and the SVG image plugin that draws the icon. CPack appends these.
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libsecret-1-0, qt6-qpa-plugins, libqt6svg6")
    # A Secret Service provider; KeePassXC or KWallet's bridge serve as well.
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring")
endif()

include(CPack)
