using System.Diagnostics;

namespace RegionCodec.Shell.Windows.Tests;

/// <summary>
/// Everything the Windows test needs, made once per test run: a host to run Windows programs on (a fresh Wine
/// prefix with the .NET runtime laid into it, or the Windows machine itself) and the programs. On Linux the Wine
/// prefix is created while rsgconv is being published, the two slow steps (about 20 s and 30-60 s).
/// </summary>
public sealed class WindowsShellFixture : IDisposable
{
    private readonly string _scratch;

    public WindowsShellFixture()
    {
        var clock = Stopwatch.StartNew();
        _scratch = Directory.CreateTempSubdirectory("rsg-windows-shell-").FullName;
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Host = new NativeWindowsHost();
                Programs = WindowsPrograms.Prepare(Path.Combine(_scratch, "rsgconv"));
            }
            else
            {
                WineHost.ThrowIfNotInstalled();
                Task<WineHost> wine = Task.Run(() => WineHost.Create(Path.Combine(_scratch, "wine-prefix")));
                try
                {
                    Programs = WindowsPrograms.Prepare(Path.Combine(_scratch, "rsgconv"));
                }
                finally
                {
                    Host = wine.GetAwaiter().GetResult();
                }

                string version = DotnetRuntimeLayout.RuntimePackVersion(Programs.RsgconvDepsJson);
                DotnetRuntimeLayout.Lay(Dotnet.GlobalPackagesFolder(), version, ((WineHost)Host).ProgramFilesDotnet);
                RuntimeVersion = version;
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        SetupTime = clock.Elapsed;
    }

    internal IWindowsHost Host { get; } = null!;

    internal WindowsPrograms Programs { get; } = null!;

    /// <summary>The runtime laid into the Wine prefix; null on Windows (the machine's own).</summary>
    internal string? RuntimeVersion { get; }

    internal TimeSpan SetupTime { get; }

    /// <summary>A fresh folder for one test's files.</summary>
    internal string NewDirectory(string name) => Directory.CreateDirectory(Path.Combine(_scratch, name)).FullName;

    public void Dispose()
    {
        Host?.Dispose();
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }
}
