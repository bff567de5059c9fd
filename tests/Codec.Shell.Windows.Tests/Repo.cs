using System.Reflection;

namespace RegionCodec.Shell.Windows.Tests;

/// <summary>Where the repository and the win-x64 build outputs of this configuration are.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the win-x64 programs are taken from the same configuration as this test assembly.</summary>
    public static string Configuration { get; } =
        typeof(Repo).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public static string ValidConformanceDirectory => Path.Combine(Root, "spec", "conformance", "valid");

    public static string InvalidConformanceDirectory => Path.Combine(Root, "spec", "conformance", "invalid");

    /// <summary>The win-x64 output folder of a project built by the solution (RuntimeIdentifier=win-x64 in its csproj).</summary>
    public static string WinX64Output(string projectDirectory, string fileInIt)
    {
        string directory = Path.Combine(Root, projectDirectory, "bin", Configuration, "net10.0", "win-x64");
        string file = Path.Combine(directory, fileInIt);
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"{file} is missing: build the solution first (dotnet build RegionCodec.sln -c {Configuration})", file);
        }

        return directory;
    }

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "RegionCodec.sln")))
            {
                return dir;
            }
        }

        throw new DirectoryNotFoundException("repository root (RegionCodec.sln) not found above " + AppContext.BaseDirectory);
    }
}
