namespace RegionCodec.Shell.Windows.Tests;

/// <summary>
/// Debian's Wine (packages wine64 + wine) with a private prefix under a temporary folder, made once per test run
/// and deleted afterwards. Headless: DISPLAY is unset (nothing here opens a window), and Wine's Mono and Gecko
/// add-ons are never installed (.NET comes from NuGet; nothing renders HTML).
/// </summary>
internal sealed class WineHost : IWindowsHost
{
    /// <summary>Not found on PATH is a failure, not a skip: CI installs Wine (.ci/run), and a silent skip would hide that it stopped.</summary>
    public const string MissingWineMessage =
        "Wine is not installed, so the Windows thumbnail provider cannot be tested: apt-get install wine64 wine (.ci/run installs them)";

    private readonly Dictionary<string, string?> _environment;

    private WineHost(string prefix)
    {
        Prefix = prefix;
        _environment = new Dictionary<string, string?>
        {
            ["WINEPREFIX"] = Prefix,
            ["WINEDEBUG"] = "-all",
            ["WINEDLLOVERRIDES"] = "mshtml=",           // no Gecko: nothing here renders HTML
            ["DISPLAY"] = null,
            ["WAYLAND_DISPLAY"] = null,
        };

        // Wine hands the Unix environment to Windows programs. 'dotnet test' sets DOTNET_ROOT to the Linux SDK, which
        // the Windows hosts would then look in (as Z:\usr\share\dotnet) instead of C:\Program Files\dotnet.
        foreach (string name in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("COREHOST_", StringComparison.OrdinalIgnoreCase))
            {
                _environment[name] = null;
            }
        }

        // .NET maps JIT-written code twice (writable and executable, "W^X"). Under Wine 8 that crashes the runtime with
        // "Internal CLR error (0x80131506)" in DynamicResolver.DestroyScout.Finalize once a GC finalizes a dynamic method:
        // seen in 'rsgconv decode' of the 3.5 MP conformance file and in the provider after 23 files. With W^X off both
        // run clean. Windows needs no such setting.
        _environment["DOTNET_EnableWriteXorExecute"] = "0";
    }

    public string Prefix { get; }

    /// <summary>C:\Program Files\dotnet inside the prefix: where hostfxr looks for the machine-wide runtime.</summary>
    public string ProgramFilesDotnet => Path.Combine(Prefix, "drive_c", "Program Files", "dotnet");

    public string Description { get; private set; } = "Wine";

    public bool HasShellThumbnailCache => false;

    /// <summary>
    /// Creates the prefix (wineboot --init, about 20 s) and makes its wineserver persistent until <see cref="Dispose"/>,
    /// so later wine calls attach to it instead of starting and tearing down their own.
    /// </summary>
    public static WineHost Create(string prefix)
    {
        ThrowIfNotInstalled();
        var host = new WineHost(prefix);
        ProcessResult version = ProcessRunner.Run("wine", ["--version"], host._environment);
        host.Description = version.Output.Trim();

        // mscoree is disabled only while the prefix is made, so that wineboot does not offer to install Wine Mono (.NET
        // comes from NuGet here). Afterwards Wine's own mscoree must be there: its loader calls it for every IL image,
        // and CoreCLR's LoadLibrary of System.Runtime.dll fails with "Module not found" without it.
        Check(ProcessRunner.Run("wine", ["wineboot", "--init"], new Dictionary<string, string?>(host._environment) { ["WINEDLLOVERRIDES"] = "mscoree,mshtml=" }),
            "wineboot --init");

        // No winedbg on a crash: the program must end with its exception as the exit code, not 0 after a register dump.
        Check(host.Run("reg", "delete", @"HKLM\Software\Microsoft\Windows NT\CurrentVersion\AeDebug", "/v", "Debugger", "/f"), "reg delete AeDebug");

        // Run without captured output: the daemon would hold the pipes open.
        Check(ProcessRunner.Run("wineserver", ["-p"], host._environment, captureOutput: false), "wineserver -p");
        return host;
    }

    public static void ThrowIfNotInstalled()
    {
        if (FindOnPath("wine") is null || FindOnPath("wineserver") is null)
        {
            throw new InvalidOperationException(MissingWineMessage);
        }
    }

    public ProcessResult Run(string program, params string[] args) => ProcessRunner.Run("wine", [program, .. args], _environment);

    /// <summary>Wine maps the Unix root to drive Z:.</summary>
    public string ToWindowsPath(string path) => "Z:" + Path.GetFullPath(path).Replace('/', '\\');

    /// <summary>
    /// Wine 8's HKEY_CLASSES_ROOT is HKLM\Software\Classes alone; Windows merges HKCU\Software\Classes into it,
    /// which is what a per-user registration relies on. So CoCreateInstance under Wine finds the class only when
    /// the CLSID key that rsgconv wrote under HKCU is copied, unchanged, to HKLM. Only the CLSID key is needed:
    /// the harness creates the provider by CLSID; the file-type keys are checked in HKCU as written.
    /// </summary>
    public void AfterRegister(string clsid)
    {
        string key = $@"Software\Classes\CLSID\{clsid}";
        Check(Run("reg", "copy", $@"HKCU\{key}", $@"HKLM\{key}", "/s", "/f"), "reg copy (HKCU class to HKLM)");
    }

    /// <summary>Best effort (the copy is missing when the test failed before making it); the prefix is deleted anyway.</summary>
    public void AfterUnregister(string clsid) => Run("reg", "delete", $@"HKLM\Software\Classes\CLSID\{clsid}", "/f");

    public void Dispose()
    {
        ProcessRunner.Run("wineserver", ["-k"], _environment, TimeSpan.FromSeconds(30), captureOutput: false);
        if (Directory.Exists(Prefix))
        {
            Directory.Delete(Prefix, recursive: true);
        }
    }

    private static void Check(ProcessResult result, string what)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed under Wine: {result}");
        }
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
