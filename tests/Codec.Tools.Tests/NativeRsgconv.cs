using System.Diagnostics;

namespace RegionCodec.Tools.Tests;

/// <summary>
/// The Native AOT rsgconv, published once per test run (it takes minutes) into a temporary directory with its own
/// artifacts tree, so that nothing under the repository's bin/obj changes while other test assemblies use them.
/// </summary>
public static class NativeRsgconv
{
    private static readonly Lazy<(string Executable, TimeSpan PublishTime)> Published = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The native executable (publishing it on first use).</summary>
    public static string Executable => Published.Value.Executable;

    /// <summary>How long the publish took (reported by the tests, to keep an eye on the CI cost).</summary>
    public static TimeSpan PublishTime => Published.Value.PublishTime;

    public static RunResult Run(string workingDirectory, params string[] args) =>
        Rsgconv.RunProgram(Executable, workingDirectory, TimeSpan.FromSeconds(120), args);

    private static (string, TimeSpan) Publish()
    {
        string root = Directory.CreateTempSubdirectory("rsgconv-native-").FullName;
        // The published files (150 MB, mostly OpenCV) go when the test process ends, so runs do not pile up in /tmp.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(root);
        string output = Path.Combine(root, "publish");
        var clock = Stopwatch.StartNew();
        // The same command as the README, plus a private artifacts path (obj and bin of every project) and output.
        RunResult publish = Rsgconv.RunProgram("dotnet", Rsgconv.RepoRoot, TimeSpan.FromMinutes(20),
            "publish", Path.Combine(Rsgconv.RepoRoot, "Codec.Tools", "Codec.Tools.csproj"), "-c", "Release",
            "--artifacts-path", Path.Combine(root, "artifacts"), "-o", output, "--nologo", "-v:q");
        clock.Stop();
        DeleteQuietly(Path.Combine(root, "artifacts")); // the 300 MB build tree is not needed once published
        string executable = Path.Combine(output, "rsgconv");
        if (publish.ExitCode != 0 || !File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"dotnet publish of the native rsgconv failed (Native AOT needs clang and zlib1g-dev: apt-get install -y clang zlib1g-dev): {publish}");
        }

        return (executable, clock.Elapsed);
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
