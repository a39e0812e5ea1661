; A stand-in for naravard-desktop.exe and naravard-cli.exe, used to test the installers on
; Linux (PyInstaller cannot build the Windows bundle there). A tiny 64-bit program that
; stays up for /sleep=MILLISECONDS (default: exits at once), so a test can "run the app"
; while an installer tries to update it. Built by stand_in_bundle.sh.

Unicode true
Target amd64-unicode
SilentInstall silent
RequestExecutionLevel user
Name "naravard-desktop stand-in"
OutFile "${OUT_FILE}"

!include "FileFunc.nsh"
!include "LogicLib.nsh"

Section
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/sleep=" $1
  ${IfNot} ${Errors}
    Sleep $1
  ${EndIf}
SectionEnd
