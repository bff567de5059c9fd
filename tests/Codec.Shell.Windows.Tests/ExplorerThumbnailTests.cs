using System.Diagnostics;
using Xunit.Abstractions;

namespace RegionCodec.Shell.Windows.Tests;

/// <summary>
/// The Explorer thumbnail provider as Windows uses it, under Wine on Linux and natively on a Windows runner:
/// 'rsgconv.exe shell register' writes the per-user registration; COM creates the provider by its CLSID through
/// that registration and the .NET comhost; it is initialised with a native IStream over each conformance file and
/// asked for a thumbnail; the HBITMAP it returns must equal, byte for byte, what the managed thumbnailer renders
/// (same code, same integer arithmetic: any difference is a bug in the COM glue, e.g. rows, stride or channel order);
/// 'rsgconv.exe shell unregister' must then leave nothing behind.
/// </summary>
public sealed class ExplorerThumbnailTests(WindowsShellFixture windows, ITestOutputHelper log) : IClassFixture<WindowsShellFixture>
{
    /// <summary>Explorer's large-icon size, and a small one that takes the reduced-size decode's other branches.</summary>
    private static readonly uint[] Sizes = [256, 48];

    /// <summary>E_FAIL: what the provider returns for a file that is not valid .rsg (Explorer then shows the type's icon).</summary>
    private const string EFail = "0x80004005";

    [Fact]
    public void RegisteredProviderRendersEveryConformanceFileExactlyLikeTheManagedThumbnailerThenUnregisters()
    {
        var clock = Stopwatch.StartNew();
        IWindowsHost host = windows.Host;
        WindowsPrograms programs = windows.Programs;
        string clsid = WindowsShellRegistration.ProviderClsid;
        string comHost = host.ToWindowsPath(programs.ComHost);
        string[] valid = Directory.GetFiles(Repo.ValidConformanceDirectory, "*.rsg").Order(StringComparer.Ordinal).ToArray();
        string invalid = Directory.GetFiles(Repo.InvalidConformanceDirectory, "*.rsg").Order(StringComparer.Ordinal).First();
        log.WriteLine($"{host.Description}; runtime {windows.RuntimeVersion ?? "installed"}; setup {windows.SetupTime.TotalSeconds:F0} s");

        // Starts from a user with no registration: on a developer's Windows machine the test must not replace a real one.
        Harness("check-unregistered").ShouldSucceed("a .rsg thumbnail provider is already registered for this user (run 'rsgconv shell unregister' first)");

        Rsgconv("shell", "register", "--comhost", comHost).ShouldSucceed("rsgconv shell register", $"registered the .rsg thumbnail provider {clsid} for this user (HKCU)");
        bool registered = true;
        try
        {
            Harness("check-registered", comHost).ShouldSucceed("HKCU after 'rsgconv shell register'");
            host.AfterRegister(clsid);

            foreach (uint cx in Sizes)
            {
                string output = windows.NewDirectory($"provider-{cx}");
                ProcessResult thumbnails = Harness(["provider", cx.ToString(), host.ToWindowsPath(output), .. valid.Select(host.ToWindowsPath)]);
                thumbnails.ShouldSucceed($"IThumbnailProvider::GetThumbnail({cx}) on {valid.Length} conformance files");
                List<string> problems = ThumbnailComparison.Exact(thumbnails.Output, output, valid, cx);
                Assert.True(problems.Count == 0, $"COM thumbnails differ from the managed thumbnailer's:\n{string.Join('\n', problems)}");
                log.WriteLine($"provider, cx={cx}: {valid.Length} thumbnails equal to the managed thumbnailer's, byte for byte");
            }

            ProcessResult refused = Harness("provider", "256", host.ToWindowsPath(windows.NewDirectory("invalid")), host.ToWindowsPath(invalid));
            Assert.True(refused.ExitCode != 0 && refused.Error.Contains(EFail, StringComparison.Ordinal),
                $"GetThumbnail on {Path.GetFileName(invalid)} should fail with E_FAIL ({EFail}): {refused}");

            if (host.HasShellThumbnailCache)
            {
                string output = windows.NewDirectory("shell-item");
                ProcessResult images = Harness(["shell-item", "256", host.ToWindowsPath(output), .. valid.Select(host.ToWindowsPath)]);
                images.ShouldSucceed("IShellItemImageFactory::GetImage(256) on the conformance files");
                List<string> problems = ThumbnailComparison.Close(images.Output, output, valid, 256, maxMeanDifference: 3.0);
                Assert.True(problems.Count == 0, $"Explorer's thumbnails differ from the managed thumbnailer's:\n{string.Join('\n', problems)}");
                log.WriteLine($"IShellItemImageFactory, 256: {valid.Length} thumbnails match");
            }

            Rsgconv("shell", "unregister").ShouldSucceed("rsgconv shell unregister", $"unregistered the .rsg thumbnail provider {clsid} for this user (HKCU)");
            registered = false;
            Harness("check-unregistered").ShouldSucceed("HKCU after 'rsgconv shell unregister'");
        }
        finally
        {
            if (registered)
            {
                Rsgconv("shell", "unregister");     // best effort, so a failure leaves no registration on a real machine
            }

            host.AfterUnregister(clsid);
        }

        log.WriteLine($"test {clock.Elapsed.TotalSeconds:F0} s");
    }

    private ProcessResult Rsgconv(params string[] args) => windows.Host.Run(windows.Programs.Rsgconv, args);

    private ProcessResult Harness(params string[] args) => windows.Host.Run(windows.Programs.Harness, args);
}
