; Installer for naravard-desktop on Windows: packs the PyInstaller onedir folder that
; packaging/naravard-desktop.spec builds ON WINDOWS (dist\naravard-desktop\ with
; naravard-desktop.exe, naravard-cli.exe and _internal\).
;
; Per-user: installs into %LOCALAPPDATA%\Programs\naravard-desktop and writes only to HKCU,
; so it runs without administrator rights (municipal laptops are locked down). A 64-bit
; installer for the 64-bit bundle.
;
;   makensis /DVERSION=0.1.0 /DDIST_DIR=..\..\dist\naravard-desktop naravard-desktop.nsi
;
; VERSION comes from pyproject.toml (`python packaging/project_version.py`); DIST_DIR and
; OUT_FILE are relative to this file's folder; OUT_FILE names the installer (default:
; dist\naravard-desktop-VERSION-setup.exe). See packaging/README.md.
;
; Silent install for scripted roll-outs: `naravard-desktop-VERSION-setup.exe /S`. Exit codes:
; 0 installed, 2 refused because naravard-desktop is running (nothing was changed).
; packaging/windows/test_nsis_wine.sh runs it under Wine against a stand-in bundle.

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "VERSION is not set: makensis /DVERSION=$(python packaging/project_version.py) ..."
!endif
!ifndef DIST_DIR
  !define DIST_DIR "..\..\dist\naravard-desktop"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "..\..\dist\naravard-desktop-${VERSION}-setup.exe"
!endif

!define APP_NAME "naravard-desktop"
!define APP_TITLE "naravard-desktop"  ; as in the window title
!define PUBLISHER "naravard-desktop developers"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_NAME}"
!define EXIT_RUNNING 2

; Stop here rather than build an installer with nothing in it.
!if /FileExists "${DIST_DIR}\naravard-desktop.exe"
!else
  !error "${DIST_DIR}\naravard-desktop.exe is missing: build the bundle on Windows first (see packaging/README.md)"
!endif

Name "${APP_TITLE}"
OutFile "${OUT_FILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "Software\${APP_NAME}" "InstallDir"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1053 "ProductName" "${APP_TITLE}"
VIAddVersionKey /LANG=1053 "FileDescription" "Installationsprogram för ${APP_TITLE}"
VIAddVersionKey /LANG=1053 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1053 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1053 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1053 "LegalCopyright" "EUPL-1.2"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "naravard.ico"
!define MUI_UNICON "naravard.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\naravard-desktop.exe"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; Swedish first: it is the installer's language unless Windows is set to English.
!insertmacro MUI_LANGUAGE "Swedish"
!insertmacro MUI_LANGUAGE "English"

LangString RunNow ${LANG_SWEDISH} "Starta ${APP_TITLE} nu"
LangString RunNow ${LANG_ENGLISH} "Start ${APP_TITLE} now"
LangString ShortcutDesc ${LANG_SWEDISH} "Lokal plan, SIP-uppföljning, möten och protokoll"
LangString ShortcutDesc ${LANG_ENGLISH} "Local plan, SIP follow-up, meetings and protocols"
LangString StillRunning ${LANG_SWEDISH} "${APP_TITLE} är igång. Stäng programmet och försök igen. Inget har ändrats."
LangString StillRunning ${LANG_ENGLISH} "${APP_TITLE} is running. Close it and try again. Nothing was changed."
LangString DataKept ${LANG_SWEDISH} "Programmet är borttaget. Databasen, säkerhetskopiorna och loggen finns kvar i $LOCALAPPDATA\naravard\${APP_NAME}."
LangString DataKept ${LANG_ENGLISH} "The program was removed. The database, backups and log are kept in $LOCALAPPDATA\naravard\${APP_NAME}."

; Refuse (exit code 2) while the app or its console twin runs: Windows will not let a running
; program's .exe be opened for writing. Checked before anything is touched, so a refused
; update leaves the old version whole.
!macro RefuseWhileRunning UN
Function ${UN}RefuseWhileRunning
  Push $0
  Push $1
  StrCpy $1 0
  ${Do}
    ${If} $1 == 0
      StrCpy $0 "$INSTDIR\naravard-desktop.exe"
    ${ElseIf} $1 == 1
      StrCpy $0 "$INSTDIR\naravard-cli.exe"
    ${Else}
      ${Break}
    ${EndIf}
    ${If} ${FileExists} $0
      ClearErrors
      FileOpen $0 $0 a
      ${If} ${Errors}
        MessageBox MB_OK|MB_ICONEXCLAMATION "$(StillRunning)" /SD IDOK
        SetErrorLevel ${EXIT_RUNNING}
        Quit
      ${EndIf}
      FileClose $0
    ${EndIf}
    IntOp $1 $1 + 1
  ${Loop}
  Pop $1
  Pop $0
FunctionEnd
!macroend
!insertmacro RefuseWhileRunning ""
!insertmacro RefuseWhileRunning "un."

Function .onInit
  SetShellVarContext current
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "${APP_TITLE}" SecMain
  SectionIn RO
  Call RefuseWhileRunning
  SetOutPath "$INSTDIR"
  ; An update replaces the whole bundle: files of an older version must not linger in _internal.
  RMDir /r "$INSTDIR\_internal"
  File "${DIST_DIR}\naravard-desktop.exe"
  File /nonfatal "${DIST_DIR}\naravard-cli.exe"
  File /r "${DIST_DIR}\_internal"
  File "naravard.ico"

  ; No file association: .sqlite files stay with whatever program the user chose for them.
  CreateShortcut "$SMPROGRAMS\${APP_TITLE}.lnk" "$INSTDIR\naravard-desktop.exe" "" \
    "$INSTDIR\naravard.ico" 0 SW_SHOWNORMAL "" "$(ShortcutDesc)"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "Software\${APP_NAME}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_TITLE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\naravard.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  Call un.RefuseWhileRunning
  ; Only what the installer put there: never RMDir /r "$INSTDIR" (it could be a folder the
  ; user chose that holds other files). The user's database lives elsewhere and is kept.
  Delete "$SMPROGRAMS\${APP_TITLE}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\naravard-desktop.exe"
  Delete "$INSTDIR\naravard-cli.exe"
  Delete "$INSTDIR\naravard.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${APP_NAME}"
  ${IfNot} ${Silent}
    MessageBox MB_OK|MB_ICONINFORMATION "$(DataKept)"
  ${EndIf}
SectionEnd
