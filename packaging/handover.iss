; Inno Setup 6 script of the Windows installer: the one-folder bundle of `pyinstaller packaging\handover.spec` (built in
; dist\handover) installed per user, with a Start-menu entry, in Chinese. See docs/windows.md for the build steps.
; NOT YET RUN ON WINDOWS: written and reviewed on Linux; the first Windows build must check every line of docs/windows.md.

#define AppName "党建绩效离任评审与交接"
#define AppVersion "0.1.0"

[Setup]
AppId={{6C1E9F57-3D0B-4C8E-9A51-2B7D4E0F8A13}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=handover
; per user: no administrator rights needed on a county office PC; {autopf} is then %LOCALAPPDATA%\Programs
PrivilegesRequired=lowest
DefaultDirName={autopf}\handover
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
OutputDir=..\dist
OutputBaseFilename=handover-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\handover-gui.exe

[Languages]
; shipped with Inno Setup 6.3 and later; for an older compiler see docs/windows.md
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Files]
Source: "..\dist\handover\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Dirs]
; the per-user data folder (database, log, trust roots, backups) of platformdirs: made here so the user can find it,
; and never removed: uninstalling the program keeps the county's data
Name: "{localappdata}\handover"; Flags: uninsneveruninstall

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\handover-gui.exe"
Name: "{group}\数据文件夹"; Filename: "{localappdata}\handover"
Name: "{group}\卸载 {#AppName}"; Filename: "{uninstallexe}"

[Run]
Filename: "{app}\handover-gui.exe"; Description: "启动 {#AppName}"; Flags: nowait postinstall skipifsilent

[Messages]
chinesesimplified.FinishedLabel=安装已完成。首次启动时请填写发文机关等设置。%n%n数据保存在用户目录的 AppData\Local\handover 文件夹，卸载程序不会删除这些数据。
