namespace RegionCodec.Shell.Windows.Tests;

/// <summary>
/// The Windows programs under test: rsgconv.exe, published here for win-x64 (self-contained, as a user would
/// download it; the publish also restores the runtime pack that <see cref="DotnetRuntimeLayout"/> lays out), and
/// the comhost and harness, built by the solution.
/// </summary>
internal sealed record WindowsPrograms(string Rsgconv, string RsgconvDepsJson, string ComHost, string Harness)
{
    public static WindowsPrograms Prepare(string publishDirectory)
    {
        string comHostDirectory = Repo.WinX64Output("Codec.Shell.Windows", WindowsShellRegistration.ComHostFileName);
        string harnessDirectory = Repo.WinX64Output(Path.Combine("tests", "Codec.Shell.Windows.ComHarness"), "rsg-com-harness.exe");

        // The libraries are already built (this test runs after the solution's build): only rsgconv itself is compiled
        // for win-x64, and nothing of the Linux build outputs is rebuilt while other test assemblies use them.
        ProcessResult publish = Dotnet.Run(
            "publish", Path.Combine(Repo.Root, "Codec.Tools", "Codec.Tools.csproj"),
            "-c", Repo.Configuration, "-r", "win-x64", "--self-contained", "-p:BuildProjectReferences=false",
            "-o", publishDirectory, "--nologo");
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of rsgconv for win-x64 failed: {publish}");
        }

        return new WindowsPrograms(
            Path.Combine(publishDirectory, "rsgconv.exe"),
            Path.Combine(publishDirectory, "rsgconv.deps.json"),
            Path.Combine(comHostDirectory, WindowsShellRegistration.ComHostFileName),
            Path.Combine(harnessDirectory, "rsg-com-harness.exe"));
    }
}
