namespace RegionCodec.Shell.Windows.Tests;

/// <summary>Runs the dotnet CLI from inside a test.</summary>
internal static class Dotnet
{
    /// <summary>
    /// The test host runs under 'dotnet test', which leaves MSBuild's own variables in the environment; a nested
    /// build must not inherit them (they point it at the outer build's MSBuild and SDK resolver state).
    /// </summary>
    public static ProcessResult Run(params string[] args)
    {
        Dictionary<string, string?> environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(name => name, _ => (string?)null);
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        return ProcessRunner.Run(Executable, args, environment, TimeSpan.FromMinutes(8));
    }

    /// <summary>The global NuGet package folder (where restore put the runtime pack).</summary>
    public static string GlobalPackagesFolder()
    {
        ProcessResult result = Run("nuget", "locals", "global-packages", "--list");
        const string Label = "global-packages:";
        string? line = result.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(Label, StringComparison.Ordinal));
        if (result.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"dotnet nuget locals global-packages --list: {result}");
        }

        return line[Label.Length..].Trim();
    }

    /// <summary>The dotnet that runs this test when it is the muxer; otherwise the one on PATH.</summary>
    private static string Executable =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
